using Enclave.E2E.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Enclave.E2E;

/// <summary>
/// The classified-ads journey: a member publishes an ad from the sphere's Ads tab, another member
/// sees it arrive in the list live and then sees its status change live, and an outsider gets not-found.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class AdsTests(EnclaveServer server, Browser browser)
{
    [Fact]
    public async Task An_ad_appears_and_changes_status_live_for_a_colleague_while_an_outsider_gets_not_found()
    {
        await using var alice = await browser.NewSessionAsync(server, "en-GB", Screen.Desktop);
        await using var bruno = await browser.NewSessionAsync(server, "fr-FR", Screen.Desktop);
        await using var carol = await browser.NewSessionAsync(server, "en-GB", Screen.Phone);
        await alice.SignUpAsync(Accounts.UniqueName("alice"), "Alice", "Martin");
        var b = await bruno.SignUpAsync(Accounts.UniqueName("bruno"), "Bruno", "Keller", "fr");
        await carol.SignUpAsync(Accounts.UniqueName("carol"), "Carol", "Stone");
        var organization = (await alice.PostJsonAsync("/api/v1/organizations", new { name = "Works council" })).GetProperty("id").GetGuid();
        var sphere = (await alice.PostJsonAsync("/api/v1/spheres", new { organizationId = organization, name = "Swap corner" })).GetProperty("id").GetGuid();
        foreach (var target in new[] { $"/api/v1/organizations/{organization}", $"/api/v1/spheres/{sphere}" })
        {
            var invitation = await alice.PostJsonAsync($"{target}/invitations", new { userName = b.UserName });
            await bruno.PostJsonAsync("/api/v1/invitations/accept", new { token = invitation.GetProperty("token").GetString() });
        }

        // Bruno watches the (empty) Ads page in French.
        var watcher = await bruno.NewPageAsync();
        await watcher.GotoAsync($"/s/{sphere}/ads");
        await watcher.Locator("html[data-ads-stream=ready]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 15_000 });
        await watcher.EvaluateAsync("() => { window.__sameDocument = true; }");

        // Alice publishes an ad from the page.
        var page = await alice.NewPageAsync();
        await page.GotoAsync($"/s/{sphere}/ads");
        await page.SelectOptionAsync("#ad-category", "offer");
        await page.FillAsync("#ad-title", "City bicycle");
        await page.FillAsync("#ad-price", "40");
        await page.FillAsync("#ad-location", "Lyon");
        await page.ClickAsync("#create-ad");
        await page.WaitForURLAsync("**/ads/*");
        var adUrl = new Uri(page.Url).AbsolutePath;
        await Expect(page.Locator("#ad")).ToContainTextAsync("City bicycle");
        await alice.AssertCleanAsync(page);

        // It arrives in Bruno's list without a reload, marked available.
        var item = watcher.Locator(".ad-item", new() { HasText = "City bicycle" });
        await Expect(item).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(item.Locator("[data-ad-status]")).ToHaveTextAsync("Disponible");

        // Alice reserves it; Bruno's list shows the new status live.
        await page.Locator("html[data-ads-stream=ready]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 15_000 });
        await page.SelectOptionAsync("#ad-status", "reserved");
        await page.ClickAsync("#ad-status-save");
        await Expect(page.Locator("#ad [data-ad-status]")).ToHaveTextAsync("Reserved");
        await Expect(watcher.Locator(".ad-item", new() { HasText = "City bicycle" }).Locator("[data-ad-status]")).ToHaveTextAsync("Réservée", new() { Timeout = 15_000 });
        Assert.True(await watcher.EvaluateAsync<bool>("() => window.__sameDocument === true"), "Bruno's page was reloaded");
        await bruno.AssertCleanAsync(watcher);

        // Carol is not in the sphere: the ad does not exist for her.
        var outsider = await carol.NewPageAsync();
        var response = await outsider.GotoAsync(adUrl);
        Assert.Equal(404, response!.Status);
        Assert.DoesNotContain("City bicycle", await outsider.ContentAsync());
    }
}
