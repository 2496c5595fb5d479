using System.Net;
using Enclave.Server.Spheres;
using Enclave.Tests.Support;
using static Enclave.Tests.Spheres.SphereTestWorld;

namespace Enclave.Tests.Spheres;

/// <summary>The sphere directory, roles, removal and leaving, keeping at least one administrator.</summary>
public sealed class SphereMemberEndpointsTests
{
    [Theory, Engines]
    public async Task Administrators_change_roles_and_a_sphere_keeps_one_administrator(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (manager, org, members) = await app.OrganizationWithMembersAsync(2);
        var id = await manager.CreateSphereAsync(org);
        await manager.InviteAndAcceptAsync(S(id), members[0]);
        await manager.InviteAndAcceptAsync(S(id), members[1]);
        await Api.ProblemAsync(manager.PatchAsync(S(id, $"/members/{manager.UserId}"), new { role = "member" }), HttpStatusCode.Conflict, "last_administrator");
        await Api.ProblemAsync(manager.PostAsync(S(id, "/leave")), HttpStatusCode.Conflict, "last_administrator");
        await Api.ProblemAsync(manager.DeleteAsync(S(id, $"/members/{manager.UserId}")), HttpStatusCode.Conflict, "last_administrator");
        Assert.Equal("administrator", Str(await manager.GetOkAsync(S(id)), "myRole"));
        await Api.ProblemAsync(members[0].PatchAsync(S(id, $"/members/{members[0].UserId}"), new { role = "administrator" }), HttpStatusCode.Forbidden, "not_administrator");
        Assert.Equal("publisher", Str(await manager.PatchOkAsync(S(id, $"/members/{members[0].UserId}"), new { role = "publisher" }), "role"));
        Assert.Equal("publisher", Str(await members[0].GetOkAsync(S(id)), "myRole"));
        await manager.PatchOkAsync(S(id, $"/members/{members[1].UserId}"), new { role = "administrator" });
        Assert.Equal("member", Str(await manager.PatchOkAsync(S(id, $"/members/{manager.UserId}"), new { role = "member" }), "role"));
        await Api.ProblemAsync(members[1].PostAsync(S(id, "/leave")), HttpStatusCode.Conflict, "last_administrator");
        var admins = await members[1].GetOkAsync(S(id, "/members?role=administrator"));
        Assert.Equal([members[1].UserId], Ids(admins, "user.id"));
    }

    [Theory, Engines]
    public async Task Administrators_remove_members_members_leave_and_others_cannot_remove(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (manager, org, members) = await app.OrganizationWithMembersAsync(3);
        var id = await manager.CreateSphereAsync(org);
        foreach (var m in members) await manager.InviteAndAcceptAsync(S(id), m);
        await Api.ProblemAsync(members[0].DeleteAsync(S(id, $"/members/{members[1].UserId}")), HttpStatusCode.Forbidden, "not_administrator");
        await manager.DeleteOkAsync(S(id, $"/members/{members[1].UserId}"));
        await Api.ProblemAsync(members[1].GetAsync(S(id)), HttpStatusCode.NotFound);
        await Api.ProblemAsync(manager.DeleteAsync(S(id, $"/members/{members[1].UserId}")), HttpStatusCode.NotFound);
        await members[2].DeleteOkAsync(S(id, $"/members/{members[2].UserId}"));
        await members[0].PostOkAsync(S(id, "/leave"));
        Assert.DoesNotContain(id, Ids(await members[0].GetOkAsync($"{V1}/spheres?limit=100")));
        var directory = await manager.GetOkAsync(S(id, "/members"));
        Assert.Equal([manager.UserId], Ids(directory, "user.id"));
        Assert.Equal(1, await app.CountAsync<SphereMember>(m => m.SphereId == id));
    }

    [Theory, Engines]
    public async Task The_directory_shows_members_with_their_roles_and_pages(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (manager, org, members) = await app.OrganizationWithMembersAsync(3);
        var id = await manager.CreateSphereAsync(org);
        foreach (var m in members) await manager.InviteAndAcceptAsync(S(id), m);
        var first = await members[0].GetOkAsync(S(id, "/members?limit=2"));
        Assert.Equal(2, first["items"]!.AsArray().Count);
        var cursor = first["nextCursor"]!.GetValue<string>();
        var second = await members[0].GetOkAsync(S(id, $"/members?limit=2&cursor={cursor}"));
        Assert.Null(second["nextCursor"]);
        var all = Ids(first, "user.id").Concat(Ids(second, "user.id")).ToList();
        Assert.Equal(new[] { manager.UserId }.Concat(members.Select(m => m.UserId)).Order(), all.Order());
        var one = await members[0].GetOkAsync(S(id, $"/members/{manager.UserId}"));
        Assert.Equal("administrator", Str(one, "role"));
        Assert.Equal(manager.User!.UserName, one["user"]!["userName"]!.GetValue<string>());
        var outsider = await app.SignUpAsync();
        await Api.ProblemAsync(members[0].GetAsync(S(id, $"/members/{outsider.UserId}")), HttpStatusCode.NotFound);
        await Api.ProblemAsync(outsider.GetAsync(S(id, "/members")), HttpStatusCode.NotFound);
        await Api.ProblemAsync(outsider.GetAsync(S(id, $"/members/{manager.UserId}")), HttpStatusCode.NotFound);
    }

    [Theory, Engines]
    public async Task Bad_member_input_is_rejected_and_changes_nothing(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (manager, org, members) = await app.OrganizationWithMembersAsync();
        var id = await manager.CreateSphereAsync(org);
        await manager.InviteAndAcceptAsync(S(id), members[0]);
        var path = S(id, $"/members/{members[0].UserId}");
        await Api.ProblemAsync(manager.SendRawAsync(HttpMethod.Patch, path, "{\"role\":"), HttpStatusCode.BadRequest, "malformed_json");
        await Api.ProblemAsync(manager.PatchAsync(path, new { role = "owner" }), HttpStatusCode.BadRequest, "malformed_json");
        await Api.ProblemAsync(manager.SendRawAsync(HttpMethod.Patch, path, "{\"role\":0}"), HttpStatusCode.BadRequest, "malformed_json");
        await Api.ProblemAsync(manager.SendRawAsync(HttpMethod.Patch, path, "{\"role\":true}"), HttpStatusCode.BadRequest, "malformed_json");
        var missing = await Api.ProblemAsync(manager.PatchAsync(path, new { }), HttpStatusCode.BadRequest, "validation_failed");
        Assert.NotNull(missing["errors"]!["role"]);
        await Api.ProblemAsync(manager.PatchAsync(S(id, $"/members/{Guid.NewGuid()}"), new { role = "member" }), HttpStatusCode.NotFound);
        await Api.ProblemAsync(manager.PatchAsync(S(Guid.NewGuid(), $"/members/{members[0].UserId}"), new { role = "member" }), HttpStatusCode.NotFound);
        await Api.ProblemAsync(manager.DeleteAsync(S(id, $"/members/{Guid.NewGuid()}")), HttpStatusCode.NotFound);
        await Api.ProblemAsync(manager.GetAsync(S(id, "/members?role=owner")), HttpStatusCode.BadRequest, "validation_failed");
        await Api.ProblemAsync(manager.GetAsync(S(id, "/members?role=Administrator")), HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal("member", Str(await manager.GetOkAsync(path), "role"));
        Assert.Equal(2, await app.CountAsync<SphereMember>(m => m.SphereId == id));
    }

    [Theory, Engines]
    public async Task Leaving_the_organization_removes_its_sphere_memberships(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (manager, org, members) = await app.OrganizationWithMembersAsync();
        var id = await manager.CreateSphereAsync(org);
        await manager.InviteAndAcceptAsync(S(id), members[0]);
        await members[0].DeleteOkAsync(O(org, $"/members/{members[0].UserId}"));
        await Api.ProblemAsync(members[0].GetAsync(S(id)), HttpStatusCode.NotFound);
        Assert.Equal([manager.UserId], Ids(await manager.GetOkAsync(S(id, "/members")), "user.id"));
    }

    [Theory, Engines]
    public async Task Two_administrators_leaving_at_once_leave_one_behind(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (manager, org, members) = await app.OrganizationWithMembersAsync();
        for (var round = 0; round < 4; round++)
        {
            var id = await manager.CreateSphereAsync(org);
            await manager.InviteAndAcceptAsync(S(id), members[0], "administrator");
            var calls = round % 2 == 0
                ? new[] { manager.PostAsync(S(id, "/leave")), members[0].PostAsync(S(id, "/leave")) }
                : [manager.PatchAsync(S(id, $"/members/{members[0].UserId}"), new { role = "member" }), members[0].PatchAsync(S(id, $"/members/{manager.UserId}"), new { role = "member" })];
            var responses = await Task.WhenAll(calls);
            Assert.All(responses, r => Assert.True((int)r.StatusCode < 500, $"round {round}: {(int)r.StatusCode}"));
            Assert.Equal(1, responses.Count(r => r.IsSuccessStatusCode));
            // The loser is refused: still the last administrator (409), or no longer an administrator at all (403).
            var loser = responses.Single(r => !r.IsSuccessStatusCode);
            Assert.Contains(loser.StatusCode, new[] { HttpStatusCode.Conflict, HttpStatusCode.Forbidden });
            foreach (var r in responses) r.Dispose();
            Assert.Equal(1, await app.CountAsync<SphereMember>(m => m.SphereId == id && m.Role == SphereRole.Administrator));
        }
    }
}
