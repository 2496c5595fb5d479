using System.Net;
using Enclave.Tests.Support;

namespace Enclave.Tests.Verification;

/// <summary>The members page verifies; the badge and the provenance line show on the profile and on posts, in both languages.</summary>
public sealed class VerificationPagesTests
{
    [Theory, Engines]
    public async Task A_manager_verifies_from_the_members_page_and_readers_see_the_badge_and_provenance(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var manager = await app.SignUpAsync();
        var member = await app.SignUpAsync();
        var orgName = World.UniqueName("Provenance ");
        var org = await manager.CreateOrganizationAsync(orgName);
        await manager.InviteAndAcceptAsync($"/api/v1/organizations/{org}", member);
        var sphere = await manager.CreateSphereAsync(org);
        await manager.InviteAndAcceptAsync($"/api/v1/spheres/{sphere}", member);
        await member.PostOkAsync($"/api/v1/spheres/{sphere}/posts", new { body = "Where do I come from?" });

        var pages = PageClient.For(app, manager);
        var before = await pages.GetAsync($"/s/{sphere}");
        var card = before.Document.QuerySelector(".post")!;
        Assert.Contains($"Member of {orgName}", card.TextContent);
        Assert.Contains("identity not verified", card.TextContent);
        Assert.Null(card.QuerySelector(".verified-badge"));

        var members = await pages.GetAsync($"/o/{org}/members");
        var verified = await pages.SubmitAsync(members, $"form[action='/ui/organizations/{org}/members/{member.UserId}/verify']");
        Assert.Equal(HttpStatusCode.SeeOther, verified.Status);
        var after = await pages.GetAsync($"/o/{org}/members");
        Assert.NotNull(after.Document.QuerySelector($"li[data-member='{member.UserId}'] .verified-badge"));
        Assert.NotNull(after.Document.QuerySelector($"form[action='/ui/organizations/{org}/members/{member.UserId}/unverify']"));

        var feed = await pages.GetAsync($"/s/{sphere}");
        var verifiedCard = feed.Document.QuerySelector(".post")!;
        Assert.NotNull(verifiedCard.QuerySelector(".verified-badge"));
        Assert.Contains($"identity verified by {orgName}", verifiedCard.TextContent);

        await member.PatchOkAsync("/api/v1/me", new { language = "fr" }); // the account's language wins
        var profile = await PageClient.For(app, member, "fr").GetAsync($"/u/{member.UserId}");
        Assert.Contains($"Identité vérifiée par {orgName}", profile.Document.QuerySelector("#profile-verification")!.TextContent);
    }
}
