using System.Net;
using Enclave.Server.Spheres;
using Enclave.Tests.Support;
using static Enclave.Tests.Spheres.SphereTestWorld;

namespace Enclave.Tests.Spheres;

/// <summary>Named groups of sphere members (<c>@@handle</c>): administrators manage them, members see them.</summary>
public sealed class SphereGroupEndpointsTests
{
    [Theory, Engines]
    public async Task Administrators_create_groups_with_unique_handles_and_fill_them_with_sphere_members(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (manager, org, members) = await app.OrganizationWithMembersAsync(2);
        var id = await manager.CreateSphereAsync(org);
        await manager.InviteAndAcceptAsync(S(id), members[0]);
        var created = await manager.PostOkAsync(S(id, "/groups"), new { name = "Night Shift" });
        Assert.Equal("night-shift", Str(created, "handle"));
        Assert.Equal(0, created["memberCount"]!.GetValue<int>());
        var group = created["id"]!.GetValue<Guid>();
        var taken = await Api.ProblemAsync(manager.PostAsync(S(id, "/groups"), new { name = "Other", handle = "Night-Shift" }), HttpStatusCode.Conflict, "handle_taken");
        Assert.NotNull(taken["errors"]!["handle"]);
        // Handles are unique per sphere only.
        var elsewhere = await manager.CreateSphereAsync(org);
        await manager.PostOkAsync(S(elsewhere, "/groups"), new { name = "Night shift" });

        await Api.ProblemAsync(manager.PutAsync(S(id, $"/groups/{group}/members/{members[1].UserId}")), HttpStatusCode.UnprocessableEntity, "not_sphere_member");
        await Api.ProblemAsync(manager.PutAsync(S(id, $"/groups/{group}/members/{Guid.NewGuid()}")), HttpStatusCode.UnprocessableEntity, "not_sphere_member");
        await manager.PutOkAsync(S(id, $"/groups/{group}/members/{members[0].UserId}"));
        await manager.PutOkAsync(S(id, $"/groups/{group}/members/{members[0].UserId}"));
        await manager.PutOkAsync(S(id, $"/groups/{group}/members/{manager.UserId}"));
        Assert.Equal(2, (await members[0].GetOkAsync(S(id, $"/groups/{group}")))["memberCount"]!.GetValue<int>());
        var listed = await members[0].GetOkAsync(S(id, $"/groups/{group}/members"));
        Assert.Equal(new[] { members[0].UserId, manager.UserId }.Order(), Ids(listed).Order());
        Assert.Equal([group], Ids(await members[0].GetOkAsync(S(id, "/groups"))));

        await members[0].PostOkAsync(S(id, "/leave"));
        Assert.Equal([manager.UserId], Ids(await manager.GetOkAsync(S(id, $"/groups/{group}/members"))));
        await manager.DeleteOkAsync(S(id, $"/groups/{group}/members/{manager.UserId}"));
        await Api.ProblemAsync(manager.DeleteAsync(S(id, $"/groups/{group}/members/{manager.UserId}")), HttpStatusCode.NotFound);
    }

    [Theory, Engines]
    public async Task Only_administrators_manage_groups_and_outsiders_see_none(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (manager, org, members) = await app.OrganizationWithMembersAsync(2);
        var id = await manager.CreateSphereAsync(org, listed: true);
        await manager.InviteAndAcceptAsync(S(id), members[0]);
        var group = (await manager.PostOkAsync(S(id, "/groups"), new { name = "Leads", handle = "leads" }))["id"]!.GetValue<Guid>();
        await Api.ProblemAsync(members[0].PostAsync(S(id, "/groups"), new { name = "Mine" }), HttpStatusCode.Forbidden, "not_administrator");
        await Api.ProblemAsync(members[0].PatchAsync(S(id, $"/groups/{group}"), new { name = "Renamed" }), HttpStatusCode.Forbidden, "not_administrator");
        await Api.ProblemAsync(members[0].DeleteAsync(S(id, $"/groups/{group}")), HttpStatusCode.Forbidden, "not_administrator");
        await Api.ProblemAsync(members[0].PutAsync(S(id, $"/groups/{group}/members/{members[0].UserId}")), HttpStatusCode.Forbidden, "not_administrator");
        // An org member who sees the listed sphere but is not in it sees no groups.
        await Api.ProblemAsync(members[1].GetAsync(S(id, "/groups")), HttpStatusCode.NotFound);
        await Api.ProblemAsync(members[1].GetAsync(S(id, $"/groups/{group}")), HttpStatusCode.NotFound);
        await Api.ProblemAsync(members[1].GetAsync(S(id, $"/groups/{group}/members")), HttpStatusCode.NotFound);
        await Api.ProblemAsync(app.Anonymous().GetAsync(S(id, "/groups")), HttpStatusCode.NotFound);
        // A group id from another sphere is not found through this one.
        var other = await manager.CreateSphereAsync(org);
        await Api.ProblemAsync(manager.GetAsync(S(other, $"/groups/{group}")), HttpStatusCode.NotFound);
        await Api.ProblemAsync(manager.DeleteAsync(S(other, $"/groups/{group}")), HttpStatusCode.NotFound);
        Assert.Equal("Leads", Str(await manager.GetOkAsync(S(id, $"/groups/{group}")), "name"));
    }

    [Theory, Engines]
    public async Task Groups_are_renamed_and_deleted_with_their_memberships(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (manager, org, _) = await app.OrganizationWithMembersAsync(0);
        var id = await manager.CreateSphereAsync(org);
        var a = (await manager.PostOkAsync(S(id, "/groups"), new { name = "Alpha" }))["id"]!.GetValue<Guid>();
        await manager.PostOkAsync(S(id, "/groups"), new { name = "Beta" });
        await Api.ProblemAsync(manager.PatchAsync(S(id, $"/groups/{a}"), new { handle = "beta" }), HttpStatusCode.Conflict, "handle_taken");
        var renamed = await manager.PatchOkAsync(S(id, $"/groups/{a}"), new { name = "Alpha team", handle = "alpha_team" });
        Assert.Equal("alpha_team", Str(renamed, "handle"));
        Assert.Equal("Alpha team", Str(renamed, "name"));
        await manager.PutOkAsync(S(id, $"/groups/{a}/members/{manager.UserId}"));
        await manager.DeleteOkAsync(S(id, $"/groups/{a}"));
        await Api.ProblemAsync(manager.GetAsync(S(id, $"/groups/{a}")), HttpStatusCode.NotFound);
        await Api.ProblemAsync(manager.DeleteAsync(S(id, $"/groups/{a}")), HttpStatusCode.NotFound);
        Assert.Equal(0, await app.CountAsync<SphereGroupMember>(m => m.GroupId == a));
        Assert.Single((await manager.GetOkAsync(S(id, "/groups")))["items"]!.AsArray());
    }

    [Theory, Engines]
    public async Task Bad_group_input_is_rejected_and_writes_nothing(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (manager, org, _) = await app.OrganizationWithMembersAsync(0);
        var id = await manager.CreateSphereAsync(org);
        var path = S(id, "/groups");
        foreach (var handle in new[] { "a", "has space!", "UPPER?", new string('x', 41), "émoji" })
        {
            var problem = await Api.ProblemAsync(manager.PostAsync(path, new { name = "Valid name", handle }), HttpStatusCode.BadRequest, "validation_failed");
            Assert.NotNull(problem["errors"]!["handle"]);
        }
        var noName = await Api.ProblemAsync(manager.PostAsync(path, new { handle = "valid" }), HttpStatusCode.BadRequest, "validation_failed");
        Assert.NotNull(noName["errors"]!["name"]);
        await Api.ProblemAsync(manager.SendRawAsync(HttpMethod.Post, path, "{\"name\":"), HttpStatusCode.BadRequest, "malformed_json");
        await Api.ProblemAsync(manager.SendRawAsync(HttpMethod.Post, path, "{\"name\":[\"x\"]}"), HttpStatusCode.BadRequest, "malformed_json");
        await Api.ProblemAsync(manager.PostAsync(S(Guid.NewGuid(), "/groups"), new { name = "Ghost" }), HttpStatusCode.NotFound);
        await Api.ProblemAsync(manager.PatchAsync(S(id, $"/groups/{Guid.NewGuid()}"), new { name = "Ghost" }), HttpStatusCode.NotFound);
        await Api.ProblemAsync(manager.PutAsync(S(id, $"/groups/{Guid.NewGuid()}/members/{manager.UserId}")), HttpStatusCode.NotFound);
        Assert.Equal(0, await app.CountAsync<SphereGroup>(g => g.SphereId == id));
        var group = (await manager.PostOkAsync(path, new { name = "Keep", handle = "keep" }))["id"]!.GetValue<Guid>();
        await Api.ProblemAsync(manager.PatchAsync(S(id, $"/groups/{group}"), new { name = "x", handle = "new-handle" }), HttpStatusCode.BadRequest, "validation_failed");
        var kept = await manager.GetOkAsync(S(id, $"/groups/{group}"));
        Assert.Equal("keep", Str(kept, "handle"));
        Assert.Equal("Keep", Str(kept, "name"));
    }

    [Theory, Engines]
    public async Task Concurrent_groups_with_one_handle_give_one_group_and_conflicts(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (manager, org, _) = await app.OrganizationWithMembersAsync(0);
        var id = await manager.CreateSphereAsync(org);
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => manager.PostAsync(S(id, "/groups"), new { name = $"Team {i}", handle = "team" })));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        foreach (var r in responses.Where(r => !r.IsSuccessStatusCode))
            await Api.ProblemAsync(Task.FromResult(r), HttpStatusCode.Conflict, "handle_taken");
        Assert.Equal(1, await app.CountAsync<SphereGroup>(g => g.SphereId == id));
    }
}
