using System.Net;
using Enclave.Server.Memberships;
using Enclave.Server.Spheres;
using Enclave.Tests.Support;
using static Enclave.Tests.Spheres.SphereTestWorld;

namespace Enclave.Tests.Spheres;

/// <summary>Rules that must hold when requests race: one administrator always remains, unique things stay unique, never a 500.</summary>
public sealed class SphereMemberEndpointsRaceTests
{
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

    [Theory, Engines]
    public async Task Concurrent_charter_acceptances_all_succeed_and_record_one_row(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (manager, org, members) = await app.OrganizationWithMembersAsync();
        var id = await manager.CreateSphereAsync(org);
        await manager.InviteAndAcceptAsync(S(id), members[0]);
        var version = (await manager.PutOkAsync(S(id, "/charter"), new { text = "Rules" }))["version"]!.GetValue<int>();
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => members[0].PostAsync(S(id, "/charter/accept"), new { version })));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        foreach (var r in responses) r.Dispose();
        Assert.Equal(1, await app.CountAsync<CharterAcceptance>(c => c.SphereId == id && c.UserId == members[0].UserId));
    }
}
