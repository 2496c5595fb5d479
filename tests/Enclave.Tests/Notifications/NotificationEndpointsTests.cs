using System.Net;
using System.Text.Json.Nodes;
using Enclave.Tests.Posts;
using Enclave.Tests.Support;

namespace Enclave.Tests.Notifications;

public sealed class NotificationEndpointsTests
{
    private static async Task<List<JsonNode>> ListAsync(Api api, string query = "") =>
        (await api.GetOkAsync($"/api/v1/notifications{query}"))["items"]!.AsArray().Select(n => n!).ToList();

    [Theory, Engines]
    public async Task Mentions_comments_and_private_posts_notify_the_people_addressed(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, bob, outsider, _, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(app);
        var post = (await alice.PostOkAsync($"/api/v1/spheres/{sphere}/posts", new { body = $"Hello @{bob.User!.UserName} and @{outsider.User!.UserName}" }))["id"]!.GetValue<Guid>();
        var bobs = await ListAsync(bob);
        var mention = Assert.Single(bobs, n => n["postId"]?.GetValue<Guid>() == post);
        Assert.Equal("mention", mention["kind"]!.GetValue<string>());
        Assert.Equal(alice.UserId, mention["actor"]!["id"]!.GetValue<Guid>());
        Assert.StartsWith("Hello", mention["excerpt"]!.GetValue<string>());
        // The outsider is not in the sphere: no notification, no trace.
        Assert.DoesNotContain(await ListAsync(outsider), n => n["postId"]?.GetValue<Guid>() == post);

        await bob.PostOkAsync($"/api/v1/posts/{post}/comments", new { body = "Thanks!" });
        Assert.Contains(await ListAsync(alice), n => n["kind"]!.GetValue<string>() == "comment" && n["postId"]!.GetValue<Guid>() == post);

        var secret = (await alice.PostOkAsync($"/api/v1/spheres/{sphere}/posts", new { body = "Just you", recipientIds = new[] { bob.UserId } }))["id"]!.GetValue<Guid>();
        Assert.Contains(await ListAsync(bob), n => n["kind"]!.GetValue<string>() == "private_post" && n["postId"]!.GetValue<Guid>() == secret);

        Assert.True((await bob.GetOkAsync("/api/v1/notifications/unread-count"))["count"]!.GetValue<int>() >= 2);
        await bob.PostOkAsync($"/api/v1/notifications/{mention["id"]}/read");
        Assert.DoesNotContain(await ListAsync(bob, "?unread=true"), n => n["id"]!.GetValue<Guid>() == mention["id"]!.GetValue<Guid>());
        await bob.PostOkAsync("/api/v1/notifications/read-all");
        Assert.Equal(0, (await bob.GetOkAsync("/api/v1/notifications/unread-count"))["count"]!.GetValue<int>());
        await Api.ProblemAsync(outsider.PostAsync($"/api/v1/notifications/{mention["id"]}/read"), HttpStatusCode.NotFound, "not_found");
    }

    [Theory, Engines]
    public async Task Notifications_about_a_sphere_vanish_when_access_is_lost(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, bob, _, _, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(app);
        var post = (await alice.PostOkAsync($"/api/v1/spheres/{sphere}/posts", new { body = $"Ping @{bob.User!.UserName}" }))["id"]!.GetValue<Guid>();
        Assert.Contains(await ListAsync(bob), n => n["postId"]?.GetValue<Guid>() == post);
        var before = (await bob.GetOkAsync("/api/v1/notifications/unread-count"))["count"]!.GetValue<int>();
        await alice.DeleteOkAsync($"/api/v1/spheres/{sphere}/members/{bob.UserId}");
        Assert.DoesNotContain(await ListAsync(bob), n => n["postId"]?.GetValue<Guid>() == post);
        // The invitations bob received stay; the mention no longer counts.
        Assert.Equal(before - 1, (await bob.GetOkAsync("/api/v1/notifications/unread-count"))["count"]!.GetValue<int>());
    }

    [Theory, Engines]
    public async Task The_sphere_level_nothing_silences_mentions(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, bob, outsider, _, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(app);
        Assert.Equal("mentions", (await bob.GetOkAsync($"/api/v1/spheres/{sphere}/notification-level"))["level"]!.GetValue<string>());
        await bob.PutOkAsync($"/api/v1/spheres/{sphere}/notification-level", new { level = "nothing" });
        var post = (await alice.PostOkAsync($"/api/v1/spheres/{sphere}/posts", new { body = $"Ping @{bob.User!.UserName}" }))["id"]!.GetValue<Guid>();
        Assert.DoesNotContain(await ListAsync(bob), n => n["postId"]?.GetValue<Guid>() == post);
        await Api.ProblemAsync(bob.PutAsync($"/api/v1/spheres/{sphere}/notification-level", new { level = "loud" }), HttpStatusCode.BadRequest, "malformed_json");
        await Api.ProblemAsync(outsider.PutAsync($"/api/v1/spheres/{sphere}/notification-level", new { level = "all" }), HttpStatusCode.NotFound, "not_found");
    }

    [Theory, Engines]
    public async Task Group_mentions_notify_the_groups_members(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, bob, _, _, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(app);
        var group = (await alice.PostOkAsync($"/api/v1/spheres/{sphere}/groups", new { name = "Night shift", handle = "night" }))["id"]!.GetValue<Guid>();
        await alice.PutOkAsync($"/api/v1/spheres/{sphere}/groups/{group}/members/{bob.UserId}");
        var post = (await alice.PostOkAsync($"/api/v1/spheres/{sphere}/posts", new { body = "Heads up @@night" }))["id"]!.GetValue<Guid>();
        Assert.Contains(await ListAsync(bob), n => n["kind"]!.GetValue<string>() == "mention" && n["postId"]!.GetValue<Guid>() == post);
    }

    [Theory, Engines]
    public async Task Invitations_and_join_request_decisions_notify_the_person_concerned(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync();
        var bob = await app.SignUpAsync();
        var org = await alice.CreateOrganizationAsync(extra: new { externalPortal = true });
        var invitation = await alice.PostOkAsync($"/api/v1/organizations/{org}/invitations", new { userName = bob.User!.UserName });
        var invited = Assert.Single(await ListAsync(bob), n => n["kind"]!.GetValue<string>() == "invitation");
        Assert.Equal(invitation["invitation"]!["id"]!.GetValue<Guid>(), invited["subjectId"]!.GetValue<Guid>());
        Assert.Equal(org, invited["organizationId"]!.GetValue<Guid>());

        var carol = await app.SignUpAsync();
        var request = await carol.PostOkAsync($"/api/v1/organizations/{org}/join-requests", new { message = "Hello" });
        await alice.PostOkAsync($"/api/v1/organizations/{org}/join-requests/{request["id"]}/refuse");
        var decided = Assert.Single(await ListAsync(carol), n => n["kind"]!.GetValue<string>() == "join_request_decided");
        Assert.Equal(request["id"]!.GetValue<Guid>(), decided["subjectId"]!.GetValue<Guid>());
    }

    [Theory, Engines]
    public async Task Removal_revokes_pending_invitations_into_the_organization(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync();
        var bob = await app.SignUpAsync();
        var org = await alice.CreateOrganizationAsync();
        await alice.InviteAndAcceptAsync($"/api/v1/organizations/{org}", bob);
        var sphere = await alice.CreateSphereAsync(org);
        var pending = await alice.PostOkAsync($"/api/v1/spheres/{sphere}/invitations", new { userName = bob.User!.UserName });
        await alice.DeleteOkAsync($"/api/v1/organizations/{org}/members/{bob.UserId}");
        await Api.ProblemAsync(bob.PostAsync("/api/v1/invitations/accept", new { token = pending["token"]!.GetValue<string>() }), HttpStatusCode.Conflict, "invitation_used");
        await Api.ProblemAsync(bob.GetAsync($"/api/v1/spheres/{sphere}"), HttpStatusCode.NotFound, "not_found");
    }
}
