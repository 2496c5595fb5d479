using System.Net;
using System.Text.Json.Nodes;
using Enclave.Tests.Support;

namespace Enclave.Tests.Organizations;

public sealed class OrganizationEndpointsTests
{
    [Theory, Engines]
    public async Task The_creator_manages_the_new_organization(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync();
        var created = await alice.PostOkAsync("/api/v1/organizations", new { name = "  Acme  ", description = "Rockets", externalPortal = true, membersCanCreateSpheres = false });
        Assert.Equal("Acme", created["name"]!.GetValue<string>());
        Assert.Equal("manager", created["myRole"]!.GetValue<string>());
        Assert.Equal("member", created["view"]!.GetValue<string>());
        Assert.Equal("standard", created["plan"]!.GetValue<string>());
        Assert.True(created["canManage"]!.GetValue<bool>());
        var id = created["id"]!.GetValue<Guid>();
        Assert.Equal(7, id.Version);

        var got = await alice.GetOkAsync($"/api/v1/organizations/{id}");
        Assert.Equal("Rockets", got["description"]!.GetValue<string>());
        Assert.True(got["externalPortal"]!.GetValue<bool>());
        Assert.False(got["membersCanCreateSpheres"]!.GetValue<bool>());
        var members = (await alice.GetOkAsync($"/api/v1/organizations/{id}/members"))["items"]!.AsArray();
        var me = Assert.Single(members);
        Assert.Equal(alice.UserId, me!["user"]!["id"]!.GetValue<Guid>());
        Assert.Equal("manager", me["role"]!.GetValue<string>());
    }

    [Theory, Engines]
    public async Task Creation_validates_the_name_and_description(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync();
        var problem = await Api.ProblemAsync(alice.PostAsync("/api/v1/organizations", new { name = " x ", description = new string('d', 2001) }), HttpStatusCode.BadRequest, "validation_failed");
        Assert.NotNull(problem["errors"]!["name"]);
        Assert.NotNull(problem["errors"]!["description"]);
        await Api.ProblemAsync(alice.PostAsync("/api/v1/organizations", new { name = new string('n', 101) }), HttpStatusCode.BadRequest, "validation_failed");
        await Api.ProblemAsync(alice.PostAsync("/api/v1/organizations", new { }), HttpStatusCode.BadRequest, "validation_failed");
        await Api.ProblemAsync(app.Anonymous().PostAsync("/api/v1/organizations", new { name = "Anon" }), HttpStatusCode.Unauthorized, "unauthenticated");
        Assert.Empty((await alice.GetOkAsync("/api/v1/organizations"))["items"]!.AsArray());
    }

    [Theory, Engines]
    public async Task My_organizations_are_paged_with_cursors_without_gaps_or_duplicates(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync();
        var bob = await app.SignUpAsync();
        var created = new List<Guid>();
        for (var i = 0; i < 7; i++) created.Add(await alice.CreateOrganizationAsync($"Org {i}"));
        var bobs = await bob.CreateOrganizationAsync();
        await bob.InviteAndAcceptAsync($"/api/v1/organizations/{bobs}", alice);
        created.Add(bobs);

        var seen = new List<Guid>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await alice.GetOkAsync($"/api/v1/organizations?limit=3{(cursor is null ? "" : $"&cursor={cursor}")}");
            var items = page["items"]!.AsArray();
            Assert.InRange(items.Count, 1, 3);
            seen.AddRange(items.Select(x => x!["id"]!.GetValue<Guid>()));
            cursor = page["nextCursor"]?.GetValue<string>();
            pages++;
        } while (cursor is not null);
        Assert.Equal(3, pages);
        Assert.Equal(created.OrderBy(x => x.ToString()).ToList(), seen.OrderBy(x => x.ToString()).ToList());
        Assert.Equal(seen.Count, seen.Distinct().Count());
        // Bob's organization shows Alice as a member; her personal organization is not listed.
        var all = (await alice.GetOkAsync("/api/v1/organizations?limit=100"))["items"]!.AsArray();
        Assert.Equal("member", all.Single(x => x!["id"]!.GetValue<Guid>() == bobs)!["myRole"]!.GetValue<string>());
        var personal = (await alice.GetOkAsync("/api/v1/me"))["personalOrganizationId"]!.GetValue<Guid>();
        Assert.DoesNotContain(all, x => x!["id"]!.GetValue<Guid>() == personal);

        await Api.ProblemAsync(alice.GetAsync("/api/v1/organizations?cursor=garbage!"), HttpStatusCode.BadRequest, "validation_failed");
        await Api.ProblemAsync(alice.GetAsync("/api/v1/organizations?cursor=AAAA"), HttpStatusCode.BadRequest, "validation_failed");
        await Api.ProblemAsync(alice.GetAsync("/api/v1/organizations?limit=101"), HttpStatusCode.BadRequest, "validation_failed");
        await Api.ProblemAsync(alice.GetAsync("/api/v1/organizations?limit=-1"), HttpStatusCode.BadRequest, "validation_failed");
    }

    [Theory, Engines]
    public async Task Outsiders_see_nothing_unless_the_external_portal_is_open(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync();
        var stranger = await app.SignUpAsync();
        var closed = await alice.CreateOrganizationAsync();
        var portal = await alice.CreateOrganizationAsync(extra: new { externalPortal = true, description = "Public page" });

        await Api.ProblemAsync(stranger.GetAsync($"/api/v1/organizations/{closed}"), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(app.Anonymous().GetAsync($"/api/v1/organizations/{closed}"), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(stranger.GetAsync($"/api/v1/organizations/{Guid.CreateVersion7()}"), HttpStatusCode.NotFound, "not_found");
        var personal = (await alice.GetOkAsync("/api/v1/me"))["personalOrganizationId"]!.GetValue<Guid>();
        await Api.ProblemAsync(stranger.GetAsync($"/api/v1/organizations/{personal}"), HttpStatusCode.NotFound, "not_found");

        foreach (var viewer in new[] { stranger, app.Anonymous() })
        {
            var seen = await viewer.GetOkAsync($"/api/v1/organizations/{portal}");
            Assert.Equal("portal", seen["view"]!.GetValue<string>());
            Assert.Null(seen["myRole"]);
            Assert.Null(seen["plan"]);
            Assert.False(seen["canManage"]!.GetValue<bool>());
            Assert.Equal("Public page", seen["description"]!.GetValue<string>());
        }
        Assert.True((await stranger.GetOkAsync($"/api/v1/organizations/{portal}"))["canRequestToJoin"]!.GetValue<bool>());
        await Api.ProblemAsync(stranger.GetAsync($"/api/v1/organizations/{portal}/members"), HttpStatusCode.Forbidden, "members_hidden");
    }

    [Theory, Engines]
    public async Task An_outsider_asks_to_join_through_the_external_portal(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync();
        var bob = await app.SignUpAsync();
        var org = await alice.CreateOrganizationAsync(extra: new { externalPortal = true });
        var closed = await alice.CreateOrganizationAsync();
        await Api.ProblemAsync(bob.PostAsync($"/api/v1/organizations/{closed}/join-requests", new { message = "hi" }), HttpStatusCode.NotFound, "not_found");

        var request = await bob.PostOkAsync($"/api/v1/organizations/{org}/join-requests", new { message = "I work here" });
        var requestId = request["id"]!.GetValue<Guid>();
        await Api.ProblemAsync(bob.PostAsync($"/api/v1/organizations/{org}/join-requests", new { }), HttpStatusCode.Conflict, "already_requested");
        await Api.ProblemAsync(bob.PostAsync($"/api/v1/organizations/{org}/join-requests/{requestId}/approve"), HttpStatusCode.Forbidden, "not_manager");
        var pending = (await alice.GetOkAsync($"/api/v1/organizations/{org}/join-requests"))["items"]!.AsArray();
        Assert.Equal(requestId, Assert.Single(pending)!["id"]!.GetValue<Guid>());

        await alice.PostOkAsync($"/api/v1/organizations/{org}/join-requests/{requestId}/approve");
        var seen = await bob.GetOkAsync($"/api/v1/organizations/{org}");
        Assert.Equal("member", seen["view"]!.GetValue<string>());
        Assert.Equal("member", seen["myRole"]!.GetValue<string>());
        await Api.ProblemAsync(alice.PostAsync($"/api/v1/organizations/{org}/join-requests/{requestId}/refuse"), HttpStatusCode.Conflict, "already_decided");
        await Api.ProblemAsync(bob.PostAsync($"/api/v1/organizations/{org}/join-requests", new { }), HttpStatusCode.Conflict, "already_member");
    }

    [Theory, Engines]
    public async Task Members_see_the_member_view_and_visitors_the_visitor_view(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync();
        var bob = await app.SignUpAsync();
        var guest = await app.SignUpAsync();
        var org = await alice.CreateOrganizationAsync();
        await alice.InviteAndAcceptAsync($"/api/v1/organizations/{org}", bob);
        await alice.InviteAndAcceptAsync($"/api/v1/organizations/{org}", guest, role: "visitor");
        var asMember = await bob.GetOkAsync($"/api/v1/organizations/{org}");
        Assert.Equal("member", asMember["view"]!.GetValue<string>());
        Assert.False(asMember["canManage"]!.GetValue<bool>());
        var asVisitor = await guest.GetOkAsync($"/api/v1/organizations/{org}");
        Assert.Equal("visitor", asVisitor["view"]!.GetValue<string>());
        Assert.Equal("visitor", asVisitor["myRole"]!.GetValue<string>());
        // Members do not see visitors in the list; managers do.
        Assert.Equal(2, (await bob.GetOkAsync($"/api/v1/organizations/{org}/members"))["items"]!.AsArray().Count);
        Assert.Equal(3, (await alice.GetOkAsync($"/api/v1/organizations/{org}/members"))["items"]!.AsArray().Count);
        await Api.ProblemAsync(guest.GetAsync($"/api/v1/organizations/{org}/members"), HttpStatusCode.Forbidden, "members_hidden");
        var visitors = (await alice.GetOkAsync($"/api/v1/organizations/{org}/members?role=visitor"))["items"]!.AsArray();
        Assert.Equal(guest.UserId, Assert.Single(visitors)!["user"]!["id"]!.GetValue<Guid>());
    }

    internal static async Task<JsonArray> MembersAsync(Api api, Guid org) =>
        (await api.GetOkAsync($"/api/v1/organizations/{org}/members?limit=100"))["items"]!.AsArray();
}
