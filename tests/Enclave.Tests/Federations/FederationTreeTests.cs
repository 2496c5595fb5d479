using System.Net;
using Enclave.Tests.Support;

namespace Enclave.Tests.Federations;

public sealed class FederationTreeTests
{
    [Theory, Engines]
    public async Task Hidden_daughters_show_only_to_their_members_and_the_mothers_managers(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync();
        var plain = await app.SignUpAsync();
        var insider = await app.SignUpAsync();
        var sibling = await app.SignUpAsync();
        var coManager = await app.SignUpAsync();
        var stranger = await app.SignUpAsync();
        var mother = await alice.CreateOrganizationAsync();
        var open = await alice.CreateOrganizationAsync();
        var hidden = await alice.CreateOrganizationAsync(extra: new { externalPortal = true });
        var underHidden = await alice.CreateOrganizationAsync();
        await alice.AttachAsync(open, mother);
        await alice.AttachAsync(hidden, mother);
        await alice.AttachAsync(underHidden, hidden);
        await alice.PatchOkAsync($"/api/v1/organizations/{hidden}", new { hiddenInTree = true });
        await alice.InviteAndAcceptAsync($"/api/v1/organizations/{mother}", plain);
        await alice.InviteAndAcceptAsync($"/api/v1/organizations/{hidden}", insider);
        await alice.InviteAndAcceptAsync($"/api/v1/organizations/{open}", sibling);
        await alice.InviteAndAcceptAsync($"/api/v1/organizations/{mother}", coManager);
        await alice.PatchOkAsync($"/api/v1/organizations/{mother}/members/{coManager.UserId}", new { role = "manager" });

        var everything = new HashSet<Guid> { mother, open, hidden, underHidden };
        Assert.Equal(everything, (await alice.TreeAsync(mother)).ToHashSet());
        Assert.Equal(everything, (await coManager.TreeAsync(mother)).ToHashSet());
        Assert.Equal(everything, (await insider.TreeAsync(mother)).ToHashSet());
        Assert.Equal(new HashSet<Guid> { mother, open }, (await plain.TreeAsync(mother)).ToHashSet());
        Assert.Equal(new HashSet<Guid> { mother, open }, (await sibling.TreeAsync(open)).ToHashSet());

        // The hidden node itself: its own members and the mother's managers see it; plain members do not.
        Assert.Equal("member", await insider.RoleInAsync(hidden));
        Assert.Equal("(federation)", await coManager.RoleInAsync(hidden));
        Assert.Equal("(federation)", await plain.RoleInAsync(open));
        // Its external portal still shows the public page to anyone, never the tree around it.
        Assert.Equal("(portal)", await plain.RoleInAsync(hidden));
        Assert.Equal([hidden], await plain.TreeAsync(hidden));
        Assert.Equal([hidden], await stranger.TreeAsync(hidden));
        await Api.ProblemAsync(plain.GetAsync($"/api/v1/organizations/{underHidden}"), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(plain.GetAsync($"/api/v1/organizations/{underHidden}/tree"), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(stranger.GetAsync($"/api/v1/organizations/{mother}/tree"), HttpStatusCode.NotFound, "not_found");

        var tree = await insider.GetOkAsync($"/api/v1/organizations/{mother}/tree");
        var hiddenNode = tree["children"]!.AsArray().Single(c => c!["id"]!.GetValue<Guid>() == hidden)!;
        Assert.True(hiddenNode["hiddenInTree"]!.GetValue<bool>());
        Assert.Equal("member", hiddenNode["myRole"]!.GetValue<string>());
        Assert.Equal([underHidden], hiddenNode["children"]!.AsArray().Select(c => c!["id"]!.GetValue<Guid>()));

        // Un-hiding shows it to everyone inside the federation.
        await alice.PatchOkAsync($"/api/v1/organizations/{hidden}", new { hiddenInTree = false });
        Assert.Equal(everything, (await plain.TreeAsync(mother)).ToHashSet());
    }
}
