using System.Net;
using Enclave.Tests.Support;

namespace Enclave.Tests.Federations;

public sealed class FederationEndpointsTests
{
    [Theory, Engines]
    public async Task A_manager_of_both_attaches_immediately_and_detaches(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync();
        var bob = await app.SignUpAsync();
        var mother = await alice.CreateOrganizationAsync();
        var daughter = await alice.CreateOrganizationAsync();
        await alice.InviteAndAcceptAsync($"/api/v1/organizations/{daughter}", bob);

        // A plain member of the daughter may not attach it; the mother is not even visible to him.
        await Api.ProblemAsync(bob.PutAsync(Federation.Parent(daughter), new { parentId = mother }), HttpStatusCode.Forbidden, "not_manager");
        await Api.ProblemAsync(bob.GetAsync($"/api/v1/organizations/{mother}"), HttpStatusCode.NotFound, "not_found");
        await alice.AttachAsync(daughter, mother);
        Assert.Equal(mother, (await alice.GetOkAsync($"/api/v1/organizations/{daughter}"))["parentId"]!.GetValue<Guid>());
        Assert.Equal([mother, daughter], await alice.TreeAsync(mother));
        Assert.Equal([mother, daughter], await alice.TreeAsync(daughter));
        await Api.ProblemAsync(alice.PutAsync(Federation.Parent(daughter), new { parentId = mother }), HttpStatusCode.Conflict, "already_attached");

        await Api.ProblemAsync(bob.DeleteAsync(Federation.Parent(daughter)), HttpStatusCode.Forbidden, "not_manager");
        Assert.Equal(HttpStatusCode.NoContent, (await alice.DeleteAsync(Federation.Parent(daughter))).StatusCode);
        Assert.Null((await alice.GetOkAsync($"/api/v1/organizations/{daughter}"))["parentId"]);
        Assert.Equal([mother], await alice.TreeAsync(mother));
        Assert.Equal([daughter], await alice.TreeAsync(daughter));
        await Api.ProblemAsync(alice.DeleteAsync(Federation.Parent(daughter)), HttpStatusCode.Conflict, "not_attached");
        // People keep the memberships they had.
        Assert.Equal("member", await bob.RoleInAsync(mother));
    }

    [Theory, Engines]
    public async Task Otherwise_a_pending_request_waits_for_the_mothers_manager(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync();
        var carol = await app.SignUpAsync();
        var mother = await alice.CreateOrganizationAsync(extra: new { externalPortal = true });
        var hiddenMother = await alice.CreateOrganizationAsync();
        var daughter = await carol.CreateOrganizationAsync();

        await Api.ProblemAsync(carol.PutAsync(Federation.Parent(daughter), new { parentId = hiddenMother }), HttpStatusCode.NotFound, "not_found");
        var asked = await carol.PutOkAsync(Federation.Parent(daughter), new { parentId = mother });
        Assert.Equal("pending", asked["status"]!.GetValue<string>());
        var requestId = asked["request"]!["id"]!.GetValue<Guid>();
        Assert.Equal("pending", asked["request"]!["status"]!.GetValue<string>());
        Assert.Null((await carol.GetOkAsync($"/api/v1/organizations/{daughter}"))["parentId"]);
        await Api.ProblemAsync(carol.PutAsync(Federation.Parent(daughter), new { parentId = mother }), HttpStatusCode.Conflict, "already_requested");

        var incoming = (await alice.GetOkAsync($"/api/v1/organizations/{mother}/federation-requests"))["items"]!.AsArray();
        Assert.Equal(requestId, Assert.Single(incoming)!["id"]!.GetValue<Guid>());
        Assert.Equal(daughter, incoming[0]!["organizationId"]!.GetValue<Guid>());
        Assert.Single((await carol.GetOkAsync($"/api/v1/organizations/{daughter}/federation-requests"))["items"]!.AsArray());
        await Api.ProblemAsync(carol.GetAsync($"/api/v1/organizations/{mother}/federation-requests"), HttpStatusCode.Forbidden, "not_manager");
        await Api.ProblemAsync(carol.PostAsync($"/api/v1/organizations/{mother}/federation-requests/{requestId}/accept"), HttpStatusCode.Forbidden, "not_manager");
        await Api.ProblemAsync(carol.PostAsync($"/api/v1/organizations/{daughter}/federation-requests/{requestId}/accept"), HttpStatusCode.NotFound, "not_found");

        var refused = await alice.PostOkAsync($"/api/v1/organizations/{mother}/federation-requests/{requestId}/refuse");
        Assert.Equal("refused", refused["status"]!.GetValue<string>());
        Assert.NotNull(refused["decidedAt"]);
        Assert.Null((await carol.GetOkAsync($"/api/v1/organizations/{daughter}"))["parentId"]);
        await Api.ProblemAsync(alice.PostAsync($"/api/v1/organizations/{mother}/federation-requests/{requestId}/accept"), HttpStatusCode.Conflict, "already_decided");
        Assert.Empty((await alice.GetOkAsync($"/api/v1/organizations/{mother}/federation-requests"))["items"]!.AsArray());

        var again = (await carol.PutOkAsync(Federation.Parent(daughter), new { parentId = mother }))["request"]!["id"]!.GetValue<Guid>();
        Assert.Equal("accepted", (await alice.PostOkAsync($"/api/v1/organizations/{mother}/federation-requests/{again}/accept"))["status"]!.GetValue<string>());
        Assert.Equal(mother, (await carol.GetOkAsync($"/api/v1/organizations/{daughter}"))["parentId"]!.GetValue<Guid>());
        // The daughter's people became members of the mother, not its managers.
        Assert.Equal("member", await carol.RoleInAsync(mother));
        Assert.Equal([mother, daughter], await carol.TreeAsync(mother));
    }

    [Theory, Engines]
    public async Task Cycles_are_refused(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync();
        var a = await alice.CreateOrganizationAsync();
        var b = await alice.CreateOrganizationAsync();
        var c = await alice.CreateOrganizationAsync();
        var self = await Api.ProblemAsync(alice.PutAsync(Federation.Parent(a), new { parentId = a }), HttpStatusCode.UnprocessableEntity, "federation_cycle");
        Assert.NotNull(self["errors"]!["parentId"]);
        await alice.AttachAsync(b, a);
        await alice.AttachAsync(c, b);
        await Api.ProblemAsync(alice.PutAsync(Federation.Parent(a), new { parentId = b }), HttpStatusCode.UnprocessableEntity, "federation_cycle");
        await Api.ProblemAsync(alice.PutAsync(Federation.Parent(a), new { parentId = c }), HttpStatusCode.UnprocessableEntity, "federation_cycle");
        Assert.Null((await alice.GetOkAsync($"/api/v1/organizations/{a}"))["parentId"]);
        Assert.Equal([a, b, c], await alice.TreeAsync(c));
    }

    [Theory, Engines]
    public async Task A_federation_is_at_most_six_levels_deep(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync();
        var chain = new List<Guid> { await alice.CreateOrganizationAsync("Level 0") };
        for (var level = 1; level < 6; level++)
        {
            chain.Add(await alice.CreateOrganizationAsync($"Level {level}"));
            await alice.AttachAsync(chain[^1], chain[^2]);
        }
        Assert.Equal(chain, await alice.TreeAsync(chain[0]));
        var seventh = await alice.CreateOrganizationAsync("Level 6");
        var deep = await Api.ProblemAsync(alice.PutAsync(Federation.Parent(seventh), new { parentId = chain[^1] }), HttpStatusCode.UnprocessableEntity, "federation_too_deep");
        Assert.NotNull(deep["errors"]!["parentId"]);
        Assert.Null((await alice.GetOkAsync($"/api/v1/organizations/{seventh}"))["parentId"]);

        // A two-level subtree fits under level 3 (ending at level 5) but not under level 4.
        var top = await alice.CreateOrganizationAsync();
        var below = await alice.CreateOrganizationAsync();
        await alice.AttachAsync(below, top);
        await Api.ProblemAsync(alice.PutAsync(Federation.Parent(top), new { parentId = chain[4] }), HttpStatusCode.UnprocessableEntity, "federation_too_deep");
        await alice.AttachAsync(top, chain[3]);
        var tree = await alice.TreeAsync(chain[0]);
        Assert.Equal(8, tree.Count);
        Assert.Contains(below, tree);
    }

    [Theory, Engines]
    public async Task Personal_organizations_do_not_federate(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync();
        var org = await alice.CreateOrganizationAsync();
        var personal = (await alice.GetOkAsync("/api/v1/me"))["personalOrganizationId"]!.GetValue<Guid>();
        await Api.ProblemAsync(alice.PutAsync(Federation.Parent(org), new { parentId = personal }), HttpStatusCode.UnprocessableEntity, "personal_organization");
        await Api.ProblemAsync(alice.PutAsync(Federation.Parent(personal), new { parentId = org }), HttpStatusCode.UnprocessableEntity, "personal_organization");
        Assert.Equal([org], await alice.TreeAsync(org));
        Assert.Equal([personal], await alice.TreeAsync(personal));
        var bob = await app.SignUpAsync();
        await Api.ProblemAsync(bob.GetAsync($"/api/v1/organizations/{personal}/tree"), HttpStatusCode.NotFound, "not_found");
    }
}
