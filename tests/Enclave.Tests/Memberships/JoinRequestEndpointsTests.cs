using System.Net;
using Enclave.Server.Memberships;
using Enclave.Tests.Support;
using static Enclave.Tests.Spheres.SphereTestWorld;

namespace Enclave.Tests.Memberships;

/// <summary>Asking to join an organization (external portal) or a sphere (listed in the portal); staff decide.</summary>
public sealed class JoinRequestEndpointsTests
{
    [Theory, Engines]
    public async Task An_outsider_asks_to_join_an_organization_through_its_external_portal(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (manager, org, members) = await app.OrganizationWithMembersAsync(1, new { externalPortal = true });
        var bob = await app.SignUpAsync();
        Assert.True((await bob.GetOkAsync(O(org)))["canRequestToJoin"]!.GetValue<bool>());
        var created = await bob.PostOkAsync(O(org, "/join-requests"), new { message = "Hello" });
        var id = created["id"]!.GetValue<Guid>();
        Assert.Equal("pending", Str(created, "status"));
        Assert.Null(created["sphereId"]);
        await Api.ProblemAsync(bob.PostAsync(O(org, "/join-requests"), new { }), HttpStatusCode.Conflict, "already_requested");
        await Api.ProblemAsync(members[0].PostAsync(O(org, "/join-requests"), new { }), HttpStatusCode.Conflict, "already_member");
        await Api.ProblemAsync(members[0].GetAsync(O(org, "/join-requests")), HttpStatusCode.Forbidden, "not_manager");
        await Api.ProblemAsync(bob.GetAsync(O(org, "/join-requests")), HttpStatusCode.Forbidden);
        var pending = await manager.GetOkAsync(O(org, "/join-requests"));
        Assert.Equal([id], Ids(pending));
        Assert.Equal(bob.UserId, pending["items"]![0]!["user"]!["id"]!.GetValue<Guid>());
        await Api.ProblemAsync(members[0].PostAsync(O(org, $"/join-requests/{id}/approve")), HttpStatusCode.Forbidden, "not_manager");
        var approved = await manager.PostOkAsync(O(org, $"/join-requests/{id}/approve"));
        Assert.Equal("approved", Str(approved, "status"));
        Assert.Equal("member", Str(await bob.GetOkAsync(O(org)), "myRole"));
        await Api.ProblemAsync(manager.PostAsync(O(org, $"/join-requests/{id}/approve")), HttpStatusCode.Conflict, "already_decided");
        await Api.ProblemAsync(manager.PostAsync(O(org, $"/join-requests/{id}/refuse")), HttpStatusCode.Conflict, "already_decided");
        var mine = await bob.GetOkAsync($"{V1}/me/join-requests");
        Assert.Equal("approved", Str(mine["items"]!.AsArray().Single(r => r!["id"]!.GetValue<Guid>() == id)!, "status"));
        Assert.Empty((await manager.GetOkAsync(O(org, "/join-requests")))["items"]!.AsArray());
        Assert.Equal([id], Ids(await manager.GetOkAsync(O(org, "/join-requests?status=approved"))));
    }

    [Theory, Engines]
    public async Task Refused_and_cancelled_requests_make_no_member_and_can_be_asked_again(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (manager, org, _) = await app.OrganizationWithMembersAsync(0, new { externalPortal = true });
        var bob = await app.SignUpAsync();
        var mallory = await app.SignUpAsync();
        var first = (await bob.PostOkAsync(O(org, "/join-requests"), new { }))["id"]!.GetValue<Guid>();
        Assert.Equal("refused", Str(await manager.PostOkAsync(O(org, $"/join-requests/{first}/refuse")), "status"));
        await Api.ProblemAsync(manager.PostAsync(O(org, $"/join-requests/{first}/approve")), HttpStatusCode.Conflict, "already_decided");
        Assert.Equal("portal", Str(await bob.GetOkAsync(O(org)), "view"));
        var second = (await bob.PostOkAsync(O(org, "/join-requests"), new { }))["id"]!.GetValue<Guid>();
        await Api.ProblemAsync(mallory.DeleteAsync($"{V1}/join-requests/{second}"), HttpStatusCode.NotFound);
        await Api.ProblemAsync(manager.DeleteAsync($"{V1}/join-requests/{second}"), HttpStatusCode.NotFound);
        await bob.DeleteOkAsync($"{V1}/join-requests/{second}");
        await Api.ProblemAsync(bob.DeleteAsync($"{V1}/join-requests/{second}"), HttpStatusCode.NotFound);
        await Api.ProblemAsync(manager.PostAsync(O(org, $"/join-requests/{second}/approve")), HttpStatusCode.Conflict, "already_decided");
        await Api.ProblemAsync(bob.GetAsync(O(org, "/members")), HttpStatusCode.Forbidden);
        var statuses = (await bob.GetOkAsync($"{V1}/me/join-requests"))["items"]!.AsArray().Select(r => Str(r!, "status")).Order();
        Assert.Equal(new[] { "cancelled", "refused" }, statuses);
        Assert.Empty((await mallory.GetOkAsync($"{V1}/me/join-requests"))["items"]!.AsArray());
    }

    [Theory, Engines]
    public async Task Organization_members_ask_to_join_a_sphere_listed_in_the_portal(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (manager, org, members) = await app.OrganizationWithMembersAsync(2);
        var listed = await manager.CreateSphereAsync(org, listed: true);
        var unlisted = await manager.CreateSphereAsync(org);
        var open = await manager.CreateSphereAsync(org, "open");
        var outsider = await app.SignUpAsync();
        await Api.ProblemAsync(members[0].PostAsync(S(unlisted, "/join-requests"), new { }), HttpStatusCode.NotFound);
        await Api.ProblemAsync(outsider.PostAsync(S(listed, "/join-requests"), new { }), HttpStatusCode.NotFound);
        await Api.ProblemAsync(members[0].PostAsync(S(open, "/join-requests"), new { }), HttpStatusCode.Forbidden, "cannot_request");
        await Api.ProblemAsync(manager.PostAsync(S(listed, "/join-requests"), new { }), HttpStatusCode.Conflict, "already_member");
        var request = await members[0].PostOkAsync(S(listed, "/join-requests"), new { message = "Let me in" });
        var id = request["id"]!.GetValue<Guid>();
        Assert.Equal(listed, request["sphereId"]!.GetValue<Guid>());
        await Api.ProblemAsync(members[0].PostAsync(S(listed, "/join-requests"), new { }), HttpStatusCode.Conflict, "already_requested");
        var other = (await members[1].PostOkAsync(S(listed, "/join-requests"), new { }))["id"]!.GetValue<Guid>();
        Assert.Equal(new[] { id, other }.Order(), Ids(await manager.GetOkAsync(S(listed, "/join-requests"))).Order());
        // The organization's list and the sphere's list are separate.
        Assert.Empty((await manager.GetOkAsync(O(org, "/join-requests")))["items"]!.AsArray());
        await Api.ProblemAsync(manager.PostAsync(O(org, $"/join-requests/{id}/approve")), HttpStatusCode.NotFound);
        await manager.PostOkAsync(S(listed, $"/join-requests/{id}/approve"));
        Assert.Equal("member", Str(await members[0].GetOkAsync(S(listed)), "myRole"));
        await manager.PostOkAsync(S(listed, $"/join-requests/{other}/refuse"));
        Assert.Null((await members[1].GetOkAsync(S(listed)))["myRole"]);
        Assert.Equal(2, (await manager.GetOkAsync(S(listed, "/members")))["items"]!.AsArray().Count);
    }

    [Theory, Engines]
    public async Task Approving_someone_who_left_the_organization_is_refused_and_changes_nothing(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (manager, org, members) = await app.OrganizationWithMembersAsync();
        var listed = await manager.CreateSphereAsync(org, listed: true);
        var id = (await members[0].PostOkAsync(S(listed, "/join-requests"), new { }))["id"]!.GetValue<Guid>();
        await members[0].DeleteOkAsync(O(org, $"/members/{members[0].UserId}"));
        // Leaving the organization cancels pending requests in it.
        Assert.Empty((await manager.GetOkAsync(S(listed, "/join-requests")))["items"]!.AsArray());
        await Api.ProblemAsync(manager.PostAsync(S(listed, $"/join-requests/{id}/approve")), HttpStatusCode.Conflict, "already_decided");
        Assert.Single((await manager.GetOkAsync(S(listed, "/members")))["items"]!.AsArray());
    }

    [Theory, Engines]
    public async Task Bad_join_request_input_is_rejected_and_writes_nothing(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (manager, org, _) = await app.OrganizationWithMembersAsync(0, new { externalPortal = true });
        var (_, closed, _) = await app.OrganizationWithMembersAsync(0);
        var bob = await app.SignUpAsync();
        var path = O(org, "/join-requests");
        var tooLong = await Api.ProblemAsync(bob.PostAsync(path, new { message = new string('m', 1001) }), HttpStatusCode.BadRequest, "validation_failed");
        Assert.NotNull(tooLong["errors"]!["message"]);
        await Api.ProblemAsync(bob.SendRawAsync(HttpMethod.Post, path, "{\"message\":"), HttpStatusCode.BadRequest, "malformed_json");
        await Api.ProblemAsync(bob.SendRawAsync(HttpMethod.Post, path, "{\"message\":false}"), HttpStatusCode.BadRequest, "malformed_json");
        await Api.ProblemAsync(bob.PostAsync(O(closed, "/join-requests"), new { }), HttpStatusCode.NotFound);
        await Api.ProblemAsync(bob.PostAsync(O(Guid.NewGuid(), "/join-requests"), new { }), HttpStatusCode.NotFound);
        await Api.ProblemAsync(bob.PostAsync(S(Guid.NewGuid(), "/join-requests"), new { }), HttpStatusCode.NotFound);
        await Api.ProblemAsync(app.Anonymous().PostAsync(path, new { }), HttpStatusCode.Unauthorized);
        await Api.ProblemAsync(manager.PostAsync(O(org, $"/join-requests/{Guid.NewGuid()}/approve")), HttpStatusCode.NotFound);
        await Api.ProblemAsync(manager.GetAsync(O(org, "/join-requests?status=maybe")), HttpStatusCode.BadRequest, "validation_failed");
        await Api.ProblemAsync(bob.DeleteAsync($"{V1}/join-requests/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        Assert.Equal(0, await app.CountAsync<JoinRequest>(r => r.UserId == bob.UserId));
    }

    [Theory, Engines]
    public async Task Concurrent_requests_from_one_person_leave_one_pending_request(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (manager, org, members) = await app.OrganizationWithMembersAsync(1, new { externalPortal = true });
        var listed = await manager.CreateSphereAsync(org, listed: true);
        var bob = await app.SignUpAsync();
        foreach (var (asker, path) in new[] { (bob, O(org, "/join-requests")), (members[0], S(listed, "/join-requests")) })
        {
            var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => asker.PostAsync(path, new { })));
            Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
            foreach (var r in responses.Where(r => !r.IsSuccessStatusCode))
                await Api.ProblemAsync(Task.FromResult(r), HttpStatusCode.Conflict, "already_requested");
            Assert.Single((await manager.GetOkAsync(path))["items"]!.AsArray());
        }
    }
}
