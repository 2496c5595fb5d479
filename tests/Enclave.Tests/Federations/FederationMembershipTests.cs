using System.Net;
using Enclave.Tests.Support;

namespace Enclave.Tests.Federations;

/// <summary>The federation's membership rules: up on joining, down on removal, managers per node.</summary>
public sealed class FederationMembershipTests
{
    [Theory, Engines]
    public async Task Joining_a_daughter_makes_you_a_member_of_every_ancestor(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync();
        var bob = await app.SignUpAsync();
        var early = await app.SignUpAsync();
        var guest = await app.SignUpAsync();
        var mother = await alice.CreateOrganizationAsync();
        var daughter = await alice.CreateOrganizationAsync();
        var granddaughter = await alice.CreateOrganizationAsync();
        await alice.InviteAndAcceptAsync($"/api/v1/organizations/{granddaughter}", early);
        await alice.AttachAsync(daughter, mother);
        await alice.AttachAsync(granddaughter, daughter);
        // People already inside an attached subtree are lifted into the new ancestors.
        Assert.Equal("member", await early.RoleInAsync(daughter));
        Assert.Equal("member", await early.RoleInAsync(mother));

        await alice.InviteAndAcceptAsync($"/api/v1/organizations/{granddaughter}", bob);
        Assert.Equal("member", await bob.RoleInAsync(granddaughter));
        Assert.Equal("member", await bob.RoleInAsync(daughter));
        Assert.Equal("member", await bob.RoleInAsync(mother));
        var listed = (await bob.GetOkAsync("/api/v1/organizations"))["items"]!.AsArray().Select(o => o!["id"]!.GetValue<Guid>()).ToHashSet();
        Assert.Equal(new HashSet<Guid> { mother, daughter, granddaughter }, listed);

        // A visitor of a daughter stays outside the mother.
        await alice.InviteAndAcceptAsync($"/api/v1/organizations/{daughter}", guest, role: "visitor");
        Assert.Equal("visitor", await guest.RoleInAsync(daughter));
        Assert.Null(await guest.RoleInAsync(mother));
    }

    [Theory, Engines]
    public async Task Role_changes_keep_daughter_insiders_inside_every_ancestor(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync();
        var bob = await app.SignUpAsync();
        var guest = await app.SignUpAsync();
        var mother = await alice.CreateOrganizationAsync();
        var daughter = await alice.CreateOrganizationAsync();
        await alice.AttachAsync(daughter, mother);
        await alice.InviteAndAcceptAsync($"/api/v1/organizations/{daughter}", bob);
        await alice.InviteAndAcceptAsync($"/api/v1/organizations/{daughter}", guest, role: "visitor");

        await Api.ProblemAsync(alice.PatchAsync($"/api/v1/organizations/{mother}/members/{bob.UserId}", new { role = "visitor" }), HttpStatusCode.Conflict, "insider_of_daughter");
        Assert.Equal("member", await bob.RoleInAsync(mother));
        // Promoting in the mother is fine and stays there.
        await alice.PatchOkAsync($"/api/v1/organizations/{mother}/members/{bob.UserId}", new { role = "manager" });
        Assert.Equal("manager", await bob.RoleInAsync(mother));
        Assert.Equal("member", await bob.RoleInAsync(daughter));

        Assert.Null(await guest.RoleInAsync(mother));
        await alice.PatchOkAsync($"/api/v1/organizations/{daughter}/members/{guest.UserId}", new { role = "member" });
        Assert.Equal("member", await guest.RoleInAsync(mother));
        // Once out of the daughter, the mother may make him a visitor.
        Assert.Equal(HttpStatusCode.NoContent, (await alice.DeleteAsync($"/api/v1/organizations/{daughter}/members/{guest.UserId}")).StatusCode);
        await alice.PatchOkAsync($"/api/v1/organizations/{mother}/members/{guest.UserId}", new { role = "visitor" });
        Assert.Equal("visitor", await guest.RoleInAsync(mother));
    }

    [Theory, Engines]
    public async Task Removal_from_the_mother_removes_from_all_daughters_and_their_spheres(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync();
        var bob = await app.SignUpAsync();
        var mother = await alice.CreateOrganizationAsync();
        var daughter = await alice.CreateOrganizationAsync();
        var granddaughter = await alice.CreateOrganizationAsync();
        var elsewhere = await alice.CreateOrganizationAsync();
        await alice.AttachAsync(daughter, mother);
        await alice.AttachAsync(granddaughter, daughter);
        var motherSphere = await alice.CreateSphereAsync(mother);
        var daughterSphere = await alice.CreateSphereAsync(daughter);
        var deepSphere = await alice.CreateSphereAsync(granddaughter);
        var otherSphere = await alice.CreateSphereAsync(elsewhere);
        await alice.InviteAndAcceptAsync($"/api/v1/organizations/{granddaughter}", bob);
        await alice.InviteAndAcceptAsync($"/api/v1/organizations/{elsewhere}", bob);
        foreach (var sphere in new[] { motherSphere, daughterSphere, deepSphere, otherSphere })
            await alice.InviteAndAcceptAsync($"/api/v1/spheres/{sphere}", bob);

        // Leaving a daughter keeps the mother.
        Assert.Equal(HttpStatusCode.NoContent, (await bob.DeleteAsync($"/api/v1/organizations/{granddaughter}/members/{bob.UserId}")).StatusCode);
        await Api.ProblemAsync(bob.GetAsync($"/api/v1/spheres/{deepSphere}"), HttpStatusCode.NotFound, "not_found");
        Assert.Equal("member", await bob.RoleInAsync(daughter));
        await bob.GetOkAsync($"/api/v1/spheres/{daughterSphere}");

        Assert.Equal(HttpStatusCode.NoContent, (await alice.DeleteAsync($"/api/v1/organizations/{mother}/members/{bob.UserId}")).StatusCode);
        foreach (var org in new[] { mother, daughter, granddaughter })
            Assert.DoesNotContain(await Organizations.OrganizationEndpointsTests.MembersAsync(alice, org), m => m!["user"]!["id"]!.GetValue<Guid>() == bob.UserId);
        foreach (var sphere in new[] { motherSphere, daughterSphere, deepSphere })
        {
            await Api.ProblemAsync(bob.GetAsync($"/api/v1/spheres/{sphere}"), HttpStatusCode.NotFound, "not_found");
            Assert.DoesNotContain((await alice.GetOkAsync($"/api/v1/spheres/{sphere}/members"))["items"]!.AsArray(), m => m!.ToJsonString().Contains(bob.UserId.ToString()));
        }
        // Organizations outside that federation are untouched.
        Assert.Equal("member", await bob.RoleInAsync(elsewhere));
        await bob.GetOkAsync($"/api/v1/spheres/{otherSphere}");
        Assert.Equal([elsewhere], (await bob.GetOkAsync("/api/v1/organizations"))["items"]!.AsArray().Select(o => o!["id"]!.GetValue<Guid>()));
    }

    [Theory, Engines]
    public async Task Each_node_keeps_its_own_managers(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync();
        var carol = await app.SignUpAsync();
        var mother = await alice.CreateOrganizationAsync(extra: new { externalPortal = true });
        var daughter = await carol.CreateOrganizationAsync();
        var request = (await carol.PutOkAsync(Federation.Parent(daughter), new { parentId = mother }))["request"]!["id"]!.GetValue<Guid>();
        await alice.PostOkAsync($"/api/v1/organizations/{mother}/federation-requests/{request}/accept");

        var seenByAlice = await alice.GetOkAsync($"/api/v1/organizations/{daughter}");
        Assert.Equal("federation", seenByAlice["view"]!.GetValue<string>());
        Assert.False(seenByAlice["canManage"]!.GetValue<bool>());
        await Api.ProblemAsync(alice.PatchAsync($"/api/v1/organizations/{daughter}", new { name = "Taken over" }), HttpStatusCode.Forbidden, "not_manager");
        await Api.ProblemAsync(alice.GetAsync($"/api/v1/organizations/{daughter}/members"), HttpStatusCode.Forbidden, "members_hidden");
        await Api.ProblemAsync(carol.PatchAsync($"/api/v1/organizations/{mother}", new { name = "Taken over" }), HttpStatusCode.Forbidden, "not_manager");
        Assert.Equal("member", await carol.RoleInAsync(mother));
        // The mother's manager may still detach the daughter; removing its only manager is refused.
        await Api.ProblemAsync(alice.DeleteAsync($"/api/v1/organizations/{mother}/members/{carol.UserId}"), HttpStatusCode.Conflict, "last_manager");
        Assert.Equal("manager", await carol.RoleInAsync(daughter));
        Assert.Equal(HttpStatusCode.NoContent, (await alice.DeleteAsync(Federation.Parent(daughter))).StatusCode);
        await Api.ProblemAsync(alice.GetAsync($"/api/v1/organizations/{daughter}"), HttpStatusCode.NotFound, "not_found");
    }

    [Theory, Engines]
    public async Task Accepting_re_checks_the_depth_of_a_tree_that_grew_meanwhile(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync();
        var carol = await app.SignUpAsync();
        var mother = await alice.CreateOrganizationAsync(extra: new { externalPortal = true });
        var daughter = await carol.CreateOrganizationAsync();
        var request = (await carol.PutOkAsync(Federation.Parent(daughter), new { parentId = mother }))["request"]!["id"]!.GetValue<Guid>();
        var above = mother;
        for (var i = 0; i < 5; i++)
        {
            var top = await alice.CreateOrganizationAsync();
            await alice.AttachAsync(above, top);
            above = top;
        }
        await Api.ProblemAsync(alice.PostAsync($"/api/v1/organizations/{mother}/federation-requests/{request}/accept"), HttpStatusCode.UnprocessableEntity, "federation_too_deep");
        Assert.Null((await carol.GetOkAsync($"/api/v1/organizations/{daughter}"))["parentId"]);
        Assert.Equal("pending", (await alice.GetOkAsync($"/api/v1/organizations/{mother}/federation-requests"))["items"]![0]!["status"]!.GetValue<string>());
        Assert.Null(await carol.RoleInAsync(above));
    }
}
