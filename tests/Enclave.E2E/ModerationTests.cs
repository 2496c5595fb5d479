using Enclave.E2E.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Enclave.E2E;

/// <summary>
/// A member reports a post from its menu; the sphere's administrator finds it in the moderation
/// queue and hides it; the member no longer sees it and learns the outcome in their notifications.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class ModerationTests(EnclaveServer server, Browser browser)
{
    static ModerationTests() => SetDefaultExpectTimeout(15_000);

    [Fact]
    public async Task A_reported_post_is_hidden_by_the_administrator_and_the_reporter_learns_it()
    {
        await using var alice = await browser.NewSessionAsync(server);
        await using var bruno = await browser.NewSessionAsync(server);
        await using var carla = await browser.NewSessionAsync(server, "en-US", Screen.Phone);
        await alice.SignUpAsync(Accounts.UniqueName("alice"), "Alice", "Martin");
        var b = await bruno.SignUpAsync(Accounts.UniqueName("bruno"), "Bruno", "Keller");
        var c = await carla.SignUpAsync(Accounts.UniqueName("carla"), "Carla", "Rossi");
        var organization = (await alice.PostJsonAsync("/api/v1/organizations", new { name = "Garden club" })).GetProperty("id").GetGuid();
        var sphere = (await alice.PostJsonAsync("/api/v1/spheres", new { organizationId = organization, name = "Seed swap" })).GetProperty("id").GetGuid();
        foreach (var (session, user) in new[] { (bruno, b), (carla, c) })
            foreach (var target in new[] { $"/api/v1/organizations/{organization}", $"/api/v1/spheres/{sphere}" })
            {
                var invitation = await alice.PostJsonAsync($"{target}/invitations", new { userName = user.UserName });
                await session.PostJsonAsync("/api/v1/invitations/accept", new { token = invitation.GetProperty("token").GetString() });
            }
        var post = (await bruno.PostJsonAsync($"/api/v1/spheres/{sphere}/posts", new { body = "Cheap pills, click here" })).GetProperty("id").GetGuid();

        // Carla reports it from the post's actions.
        var cp = await carla.NewPageAsync();
        await cp.GotoAsync($"/s/{sphere}");
        await cp.Locator($"#post-{post} .post-report").ClickAsync();
        await Expect(cp.GetByRole(AriaRole.Heading, new() { Name = "Report this post" })).ToBeVisibleAsync();
        await Accessibility.AssertAccessibleAsync(cp);
        await cp.Locator("#report-spam").CheckAsync();
        await cp.Locator("#report-text").FillAsync("Looks like spam.");
        await cp.Locator("#report-submit").ClickAsync();
        await Expect(cp.Locator("#report-sent")).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(cp, "moderation-01-reported");

        // Alice sees it in the queue and hides it.
        var ap = await alice.NewPageAsync();
        await ap.GotoAsync($"/s/{sphere}/moderation");
        var report = ap.Locator("#reports .report");
        await Expect(report).ToHaveCountAsync(1);
        await Expect(report).ToContainTextAsync("Cheap pills, click here");
        await Expect(report).ToContainTextAsync("Looks like spam.");
        await Accessibility.AssertAccessibleAsync(ap);
        await Browser.ScreenshotAsync(ap, "moderation-02-queue");
        await report.GetByRole(AriaRole.Button, new() { Name = "Hide" }).ClickAsync();
        await Expect(ap.Locator("#no-reports")).ToBeVisibleAsync();
        await alice.AssertCleanAsync(ap);

        // Carla no longer sees the post, and her notifications tell her the outcome.
        await cp.GotoAsync($"/s/{sphere}");
        await Expect(cp.Locator($"#post-{post}")).ToHaveCountAsync(0);
        await cp.GotoAsync("/notifications");
        await Expect(cp.Locator(".notification").First).ToContainTextAsync("Your report was handled: the content was hidden.");
        await Browser.ScreenshotAsync(cp, "moderation-03-outcome");
        await carla.AssertCleanAsync(cp);
    }
}
