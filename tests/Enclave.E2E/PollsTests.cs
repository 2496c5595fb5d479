using Enclave.E2E.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Enclave.E2E;

/// <summary>
/// The poll journey: a member creates a poll from the sphere's Polls tab (it appears in the feed),
/// two people vote and each sees the other's vote arrive live, and an outsider gets not-found.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class PollsTests(EnclaveServer server, Browser browser)
{
    [Fact]
    public async Task Two_members_vote_and_see_results_live_while_an_outsider_gets_not_found()
    {
        await using var alice = await browser.NewSessionAsync(server, "en-GB", Screen.Desktop);
        await using var bruno = await browser.NewSessionAsync(server, "fr-FR", Screen.Phone);
        await using var carol = await browser.NewSessionAsync(server, "en-GB", Screen.Desktop);
        await alice.SignUpAsync(Accounts.UniqueName("alice"), "Alice", "Martin");
        var b = await bruno.SignUpAsync(Accounts.UniqueName("bruno"), "Bruno", "Keller", "fr");
        await carol.SignUpAsync(Accounts.UniqueName("carol"), "Carol", "Stone");
        var organization = (await alice.PostJsonAsync("/api/v1/organizations", new { name = "Rowing club" })).GetProperty("id").GetGuid();
        var sphere = (await alice.PostJsonAsync("/api/v1/spheres", new { organizationId = organization, name = "Crew" })).GetProperty("id").GetGuid();
        foreach (var target in new[] { $"/api/v1/organizations/{organization}", $"/api/v1/spheres/{sphere}" })
        {
            var invitation = await alice.PostJsonAsync($"{target}/invitations", new { userName = b.UserName });
            await bruno.PostJsonAsync("/api/v1/invitations/accept", new { token = invitation.GetProperty("token").GetString() });
        }

        // Alice creates the poll from the page; results wait until one has voted.
        var page = await alice.NewPageAsync();
        await page.GotoAsync($"/s/{sphere}/polls");
        await page.FillAsync("#poll-question", "Which evening for training?");
        await page.FillAsync("#poll-options", "Tuesday\nThursday");
        await page.ClickAsync("#create-poll");
        await page.WaitForURLAsync("**/polls/*");
        var pollUrl = new Uri(page.Url).AbsolutePath;
        await Expect(page.Locator(".poll-question")).ToHaveTextAsync("Which evening for training?");
        await Expect(page.Locator("[data-results-hidden]")).ToBeVisibleAsync();
        await alice.AssertCleanAsync(page);

        // Bruno opens it in French, on a phone, and listens.
        var watcher = await bruno.NewPageAsync();
        await watcher.GotoAsync(pollUrl);
        await Expect(watcher.Locator("#poll-submit")).ToHaveTextAsync("Voter");
        await watcher.Locator("html[data-polls-stream=ready]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 15_000 });

        // Alice votes: she now sees the results.
        await page.Locator("#poll-vote label", new() { HasText = "Tuesday" }).ClickAsync();
        await page.ClickAsync("#poll-submit");
        await Expect(page.Locator("[data-ballots]")).ToHaveTextAsync("1 vote");
        await page.Locator("html[data-polls-stream=ready]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 15_000 });

        // Bruno votes the other way; Alice's results follow without a reload.
        await watcher.Locator("#poll-vote label", new() { HasText = "Thursday" }).ClickAsync();
        await watcher.ClickAsync("#poll-submit");
        await Expect(watcher.Locator("[data-ballots]")).ToHaveTextAsync("2 votes");
        await page.EvaluateAsync("() => { window.__sameDocument = true; }");
        await Expect(page.Locator("[data-ballots]")).ToHaveTextAsync("2 votes", new() { Timeout = 15_000 });
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "Alice's page was reloaded");
        await bruno.AssertCleanAsync(watcher);
        await Browser.ScreenshotAsync(watcher, "poll-results");

        // The poll was shared in the feed: its card is in the sphere's feed.
        await page.GotoAsync($"/s/{sphere}");
        await Expect(page.Locator(".tool-card-poll")).ToContainTextAsync("Which evening for training?");

        // Carol is not in the sphere: the poll does not exist for her.
        var outsider = await carol.NewPageAsync();
        var response = await outsider.GotoAsync(pollUrl);
        Assert.Equal(404, response!.Status);
        Assert.DoesNotContain("Which evening", await outsider.ContentAsync());
    }
}
