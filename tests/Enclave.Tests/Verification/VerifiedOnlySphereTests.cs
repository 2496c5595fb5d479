using System.Net;
using Enclave.Tests.Support;

namespace Enclave.Tests.Verification;

/// <summary>A sphere restricted to verified members: unverified people cannot join, and an unverified member's access is suspended.</summary>
public sealed class VerifiedOnlySphereTests
{
    [Theory, Engines]
    public async Task Unverified_people_neither_join_nor_read_until_verified(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var manager = await app.SignUpAsync();
        var member = await app.SignUpAsync();
        var newcomer = await app.SignUpAsync();
        var org = await manager.CreateOrganizationAsync();
        await manager.InviteAndAcceptAsync($"/api/v1/organizations/{org}", member);
        await manager.InviteAndAcceptAsync($"/api/v1/organizations/{org}", newcomer);
        var sphere = await manager.CreateSphereAsync(org);
        await manager.InviteAndAcceptAsync($"/api/v1/spheres/{sphere}", member);
        var post = await manager.PostOkAsync($"/api/v1/spheres/{sphere}/posts", new { body = "For verified eyes" });

        // An unverified administrator would lock themselves out: refused, nothing changed.
        await Api.ProblemAsync(manager.PatchAsync($"/api/v1/spheres/{sphere}", new { verifiedOnly = true }), HttpStatusCode.Conflict, "own_identity_not_verified");
        Assert.False((await manager.GetOkAsync($"/api/v1/spheres/{sphere}"))["verifiedOnly"]!.GetValue<bool>());

        await manager.PutOkAsync($"/api/v1/organizations/{org}/members/{manager.UserId}/verification");
        var restricted = await manager.PatchOkAsync($"/api/v1/spheres/{sphere}", new { verifiedOnly = true });
        Assert.True(restricted["verifiedOnly"]!.GetValue<bool>());

        // The unverified member's membership is suspended everywhere: sphere, post, home feed, members list.
        await Api.ProblemAsync(member.GetAsync($"/api/v1/spheres/{sphere}"), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(member.GetAsync($"/api/v1/posts/{post["id"]}"), HttpStatusCode.NotFound, "not_found");
        var feed = await member.GetOkAsync("/api/v1/feed");
        Assert.DoesNotContain(feed["items"]!.AsArray(), p => p!["id"]!.GetValue<Guid>() == post["id"]!.GetValue<Guid>());
        var listed = await manager.GetOkAsync($"/api/v1/spheres/{sphere}/members");
        Assert.DoesNotContain(listed["items"]!.AsArray(), m => m!["user"]!["id"]!.GetValue<Guid>() == member.UserId);

        // An invitation cannot be accepted by an unverified person.
        var invitation = await manager.PostOkAsync($"/api/v1/spheres/{sphere}/invitations", new { userName = newcomer.User!.UserName });
        await Api.ProblemAsync(newcomer.PostAsync("/api/v1/invitations/accept", new { token = invitation["token"]!.GetValue<string>() }),
            HttpStatusCode.Forbidden, "identity_verification_required");

        // Verified: access comes back without a new invitation.
        await manager.PutOkAsync($"/api/v1/organizations/{org}/members/{member.UserId}/verification");
        var back = await member.GetOkAsync($"/api/v1/posts/{post["id"]}");
        Assert.Equal("For verified eyes", back["body"]!.GetValue<string>());
        Assert.True((await member.GetOkAsync($"/api/v1/spheres/{sphere}"))["permissions"]!["canRead"]!.GetValue<bool>());
    }

    [Theory, Engines]
    public async Task An_open_verified_only_sphere_cannot_be_entered_unverified(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var manager = await app.SignUpAsync();
        var member = await app.SignUpAsync();
        var org = await manager.CreateOrganizationAsync();
        await manager.InviteAndAcceptAsync($"/api/v1/organizations/{org}", member);
        await manager.PutOkAsync($"/api/v1/organizations/{org}/members/{manager.UserId}/verification");
        var created = await manager.PostOkAsync("/api/v1/spheres", new { organizationId = org, name = World.UniqueName("Open "), type = "open", verifiedOnly = true });
        var sphere = created["id"]!.GetValue<Guid>();

        var seen = await member.GetOkAsync($"/api/v1/spheres/{sphere}");
        Assert.True(seen["verificationPending"]!.GetValue<bool>());
        Assert.False(seen["permissions"]!["canEnter"]!.GetValue<bool>());
        await Api.ProblemAsync(member.PostAsync($"/api/v1/spheres/{sphere}/enter"), HttpStatusCode.Forbidden, "identity_verification_required");

        await manager.PutOkAsync($"/api/v1/organizations/{org}/members/{member.UserId}/verification");
        var entered = await member.PostOkAsync($"/api/v1/spheres/{sphere}/enter");
        Assert.True(entered["permissions"]!["canRead"]!.GetValue<bool>());
    }
}
