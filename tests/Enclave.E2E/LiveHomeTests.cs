using Enclave.E2E.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Enclave.E2E;

/// <summary>
/// The home page follows the live stream: a post written elsewhere raises its sphere's unread
/// count and waits behind the "new posts" button; nothing moves until the reader asks.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class LiveHomeTests(EnclaveServer server, Browser browser)
{
    [Fact]
    public async Task A_post_from_a_colleague_raises_the_unread_count_and_waits_behind_the_new_posts_button()
    {
        await using var alice = await browser.NewSessionAsync(server);
        await using var bruno = await browser.NewSessionAsync(server);
        await alice.SignUpAsync(Accounts.UniqueName("alice"), "Alice", "Martin");
        var b = await bruno.SignUpAsync(Accounts.UniqueName("bruno"), "Bruno", "Keller");
        var organization = (await alice.PostJsonAsync("/api/v1/organizations", new { name = "Harbour office" })).GetProperty("id").GetGuid();
        var sphere = (await alice.PostJsonAsync("/api/v1/spheres", new { organizationId = organization, name = "Dock planning" })).GetProperty("id").GetGuid();
        foreach (var target in new[] { $"/api/v1/organizations/{organization}", $"/api/v1/spheres/{sphere}" })
        {
            var invitation = await alice.PostJsonAsync($"{target}/invitations", new { userName = b.UserName });
            await bruno.PostJsonAsync("/api/v1/invitations/accept", new { token = invitation.GetProperty("token").GetString() });
        }

        var page = await alice.NewPageAsync();
        await page.GotoAsync("/");
        await page.EvaluateAsync("() => { window.__sameDocument = true; }");
        // The script marks the page once the server listens for this reader.
        await page.Locator("html[data-live=ready]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 15_000 });
        await Expect(page.Locator($"[data-unread-for='{sphere}']")).ToHaveCountAsync(0);

        await bruno.PostJsonAsync($"/api/v1/spheres/{sphere}/posts", new { body = "Crane maintenance moved to Thursday." });

        await Expect(page.Locator($"[data-unread-for='{sphere}']")).ToHaveTextAsync("1", new() { Timeout = 15_000 });
        var button = page.Locator("[data-new-posts]");
        await Expect(button).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(page.Locator("[data-home-feed] .post")).ToHaveCountAsync(0);
        await button.ClickAsync();
        await Expect(page.Locator("[data-home-feed] .post")).ToContainTextAsync("Crane maintenance moved to Thursday.");
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the page was reloaded");
        await Browser.ScreenshotAsync(page, "live-home-new-post");
    }
}
