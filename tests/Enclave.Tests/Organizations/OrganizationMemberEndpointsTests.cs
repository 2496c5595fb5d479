using System.Net;
using Enclave.Tests.Support;

namespace Enclave.Tests.Organizations;

public sealed class OrganizationMemberEndpointsTests
{
    private static string Member(Guid org, Guid user) => $"/api/v1/organizations/{org}/members/{user}";

    private static async Task<string?> RoleOfAsync(Api viewer, Guid org, Guid user) =>
        (await OrganizationEndpointsTests.MembersAsync(viewer, org)).SingleOrDefault(m => m!["user"]!["id"]!.GetValue<Guid>() == user)?["role"]!.GetValue<string>();

    [Theory, Engines]
    public async Task Managers_change_roles_and_the_new_manager_can_manage(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync();
        var bob = await app.SignUpAsync();
        var carol = await app.SignUpAsync();
        var org = await alice.CreateOrganizationAsync();
        await alice.InviteAndAcceptAsync($"/api/v1/organizations/{org}", bob);
        await alice.InviteAndAcceptAsync($"/api/v1/organizations/{org}", carol);

        await Api.ProblemAsync(bob.PatchAsync(Member(org, carol.UserId), new { role = "manager" }), HttpStatusCode.Forbidden, "not_manager");
        await Api.ProblemAsync(bob.PatchAsync(Member(org, bob.UserId), new { role = "manager" }), HttpStatusCode.Forbidden, "not_manager");
        Assert.Equal("member", await RoleOfAsync(alice, org, bob.UserId));

        var promoted = await alice.PatchOkAsync(Member(org, bob.UserId), new { role = "manager" });
        Assert.Equal("manager", promoted["role"]!.GetValue<string>());
        Assert.Equal(bob.UserId, promoted["user"]!["id"]!.GetValue<Guid>());
        await bob.PatchOkAsync($"/api/v1/organizations/{org}", new { description = "Bob was here" });
        // With two managers, Alice may step down, and then she can no longer manage.
        await bob.PatchOkAsync(Member(org, alice.UserId), new { role = "member" });
        await Api.ProblemAsync(alice.PatchAsync($"/api/v1/organizations/{org}", new { name = "Mine again" }), HttpStatusCode.Forbidden, "not_manager");
        Assert.Equal("member", await RoleOfAsync(bob, org, alice.UserId));

        await Api.ProblemAsync(alice.PatchAsync(Member(org, carol.UserId), new { role = "visitor" }), HttpStatusCode.Forbidden, "not_manager");
        Assert.Equal("member", await RoleOfAsync(bob, org, carol.UserId));
        await bob.PatchOkAsync(Member(org, carol.UserId), new { role = "visitor" });
        Assert.Equal("visitor", (await carol.GetOkAsync($"/api/v1/organizations/{org}"))["view"]!.GetValue<string>());
    }

    [Theory, Engines]
    public async Task The_last_manager_can_be_neither_demoted_nor_removed_nor_leave(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync();
        var bob = await app.SignUpAsync();
        var org = await alice.CreateOrganizationAsync();
        await alice.InviteAndAcceptAsync($"/api/v1/organizations/{org}", bob);

        await Api.ProblemAsync(alice.PatchAsync(Member(org, alice.UserId), new { role = "member" }), HttpStatusCode.Conflict, "last_manager");
        await Api.ProblemAsync(alice.PatchAsync(Member(org, alice.UserId), new { role = "visitor" }), HttpStatusCode.Conflict, "last_manager");
        await Api.ProblemAsync(alice.DeleteAsync(Member(org, alice.UserId)), HttpStatusCode.Conflict, "last_manager");
        await Api.ProblemAsync(bob.DeleteAsync(Member(org, alice.UserId)), HttpStatusCode.Forbidden, "not_manager");
        Assert.Equal("manager", await RoleOfAsync(alice, org, alice.UserId));
        // Re-appointing the same role is harmless.
        await alice.PatchOkAsync(Member(org, alice.UserId), new { role = "manager" });

        await alice.PatchOkAsync(Member(org, bob.UserId), new { role = "manager" });
        Assert.Equal(HttpStatusCode.NoContent, (await alice.DeleteAsync(Member(org, alice.UserId))).StatusCode);
        await Api.ProblemAsync(alice.GetAsync($"/api/v1/organizations/{org}"), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(bob.DeleteAsync(Member(org, bob.UserId)), HttpStatusCode.Conflict, "last_manager");
        Assert.Single(await OrganizationEndpointsTests.MembersAsync(bob, org));
    }

    [Theory, Engines]
    public async Task Removal_and_leaving_take_the_person_out_of_the_organization_and_its_spheres(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync();
        var bob = await app.SignUpAsync();
        var carol = await app.SignUpAsync();
        var org = await alice.CreateOrganizationAsync();
        var sphere = await alice.CreateSphereAsync(org);
        await alice.InviteAndAcceptAsync($"/api/v1/organizations/{org}", bob);
        await alice.InviteAndAcceptAsync($"/api/v1/organizations/{org}", carol);
        await alice.InviteAndAcceptAsync($"/api/v1/spheres/{sphere}", bob);
        await alice.InviteAndAcceptAsync($"/api/v1/spheres/{sphere}", carol);
        await bob.GetOkAsync($"/api/v1/spheres/{sphere}");

        await Api.ProblemAsync(bob.DeleteAsync(Member(org, carol.UserId)), HttpStatusCode.Forbidden, "not_manager");
        await carol.GetOkAsync($"/api/v1/spheres/{sphere}");

        Assert.Equal(HttpStatusCode.NoContent, (await alice.DeleteAsync(Member(org, bob.UserId))).StatusCode);
        await Api.ProblemAsync(bob.GetAsync($"/api/v1/organizations/{org}"), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(bob.GetAsync($"/api/v1/spheres/{sphere}"), HttpStatusCode.NotFound, "not_found");
        Assert.DoesNotContain((await alice.GetOkAsync($"/api/v1/spheres/{sphere}/members"))["items"]!.AsArray(), m => m!.ToJsonString().Contains(bob.UserId.ToString()));
        await Api.ProblemAsync(alice.DeleteAsync(Member(org, bob.UserId)), HttpStatusCode.NotFound, "not_found");

        Assert.Equal(HttpStatusCode.NoContent, (await carol.DeleteAsync(Member(org, carol.UserId))).StatusCode);
        await Api.ProblemAsync(carol.GetAsync($"/api/v1/spheres/{sphere}"), HttpStatusCode.NotFound, "not_found");
        Assert.Single(await OrganizationEndpointsTests.MembersAsync(alice, org));
        Assert.Empty((await carol.GetOkAsync("/api/v1/organizations"))["items"]!.AsArray());
    }

    [Theory, Engines]
    public async Task The_member_list_is_paged_without_gaps_or_duplicates(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync();
        var org = await alice.CreateOrganizationAsync();
        var expected = new HashSet<Guid> { alice.UserId };
        for (var i = 0; i < 5; i++)
        {
            var person = await app.SignUpAsync();
            await alice.InviteAndAcceptAsync($"/api/v1/organizations/{org}", person);
            expected.Add(person.UserId);
        }
        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await alice.GetOkAsync($"/api/v1/organizations/{org}/members?limit=2{(cursor is null ? "" : $"&cursor={cursor}")}");
            var items = page["items"]!.AsArray();
            Assert.InRange(items.Count, 1, 2);
            seen.AddRange(items.Select(m => m!["user"]!["id"]!.GetValue<Guid>()));
            cursor = page["nextCursor"]?.GetValue<string>();
        } while (cursor is not null);
        Assert.Equal(6, seen.Count);
        Assert.Equal(expected, seen.ToHashSet());
        Assert.Equal(5, (await alice.GetOkAsync($"/api/v1/organizations/{org}/members?role=member"))["items"]!.AsArray().Count);
    }

    [Theory, Engines]
    public async Task Member_endpoints_refuse_unknown_people_bad_roles_and_the_personal_organization(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync();
        var stranger = await app.SignUpAsync();
        var org = await alice.CreateOrganizationAsync();
        await Api.ProblemAsync(alice.PatchAsync(Member(org, stranger.UserId), new { role = "member" }), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(alice.DeleteAsync(Member(org, stranger.UserId)), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(alice.PatchAsync(Member(Guid.CreateVersion7(), alice.UserId), new { role = "member" }), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(stranger.GetAsync($"/api/v1/organizations/{org}/members"), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(stranger.DeleteAsync(Member(org, alice.UserId)), HttpStatusCode.NotFound, "not_found");
        var missing = await Api.ProblemAsync(alice.PatchAsync(Member(org, alice.UserId), new { }), HttpStatusCode.BadRequest, "validation_failed");
        Assert.NotNull(missing["errors"]!["role"]);
        await Api.ProblemAsync(alice.PatchAsync(Member(org, alice.UserId), new { role = "overlord" }), HttpStatusCode.BadRequest, "malformed_json");
        await Api.ProblemAsync(alice.PatchAsync(Member(org, alice.UserId), new { role = 0 }), HttpStatusCode.BadRequest, "malformed_json");
        await Api.ProblemAsync(alice.GetAsync($"/api/v1/organizations/{org}/members?role=overlord"), HttpStatusCode.BadRequest);
        Assert.Equal("manager", await RoleOfAsync(alice, org, alice.UserId));

        var personal = (await alice.GetOkAsync("/api/v1/me"))["personalOrganizationId"]!.GetValue<Guid>();
        await Api.ProblemAsync(alice.DeleteAsync(Member(personal, alice.UserId)), HttpStatusCode.Conflict, "personal_organization");
        // Nobody else can be brought into a personal organization (they could create spheres in it).
        await Api.ProblemAsync(alice.PostAsync($"/api/v1/organizations/{personal}/invitations", new { userName = stranger.User!.UserName }), HttpStatusCode.UnprocessableEntity, "personal_organization");
        await Api.ProblemAsync(stranger.GetAsync($"/api/v1/organizations/{personal}"), HttpStatusCode.NotFound, "not_found");
        Assert.Single(await OrganizationEndpointsTests.MembersAsync(alice, personal));
    }
}
