using Enclave.E2E.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Enclave.E2E;

/// <summary>
/// The kanban journey: a board is created and used by two people, each sees the other's moves
/// live (buttons without JavaScript, Alt+arrow keys with it), and an outsider gets not-found.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class TasksTests(EnclaveServer server, Browser browser)
{
    [Fact]
    public async Task Two_members_move_cards_and_see_each_other_live_while_an_outsider_gets_not_found()
    {
        await using var alice = await browser.NewSessionAsync(server, "en-GB", Screen.Desktop);
        await using var bruno = await browser.NewSessionAsync(server, "fr-FR", Screen.Desktop);
        await using var carol = await browser.NewSessionAsync(server, "en-GB", Screen.Phone);
        await alice.SignUpAsync(Accounts.UniqueName("alice"), "Alice", "Martin");
        var b = await bruno.SignUpAsync(Accounts.UniqueName("bruno"), "Bruno", "Keller", "fr");
        await carol.SignUpAsync(Accounts.UniqueName("carol"), "Carol", "Stone");
        var organization = (await alice.PostJsonAsync("/api/v1/organizations", new { name = "Harbour office" })).GetProperty("id").GetGuid();
        var sphere = (await alice.PostJsonAsync("/api/v1/spheres", new { organizationId = organization, name = "Dock planning" })).GetProperty("id").GetGuid();
        foreach (var target in new[] { $"/api/v1/organizations/{organization}", $"/api/v1/spheres/{sphere}" })
        {
            var invitation = await alice.PostJsonAsync($"{target}/invitations", new { userName = b.UserName });
            await bruno.PostJsonAsync("/api/v1/invitations/accept", new { token = invitation.GetProperty("token").GetString() });
        }

        // Alice creates the board and a card from the pages.
        var page = await alice.NewPageAsync();
        await page.GotoAsync($"/s/{sphere}/tasks");
        await page.FillAsync("#board-name", "Crane works");
        await page.ClickAsync("#create-board");
        await Expect(page.Locator(".task-column")).ToHaveCountAsync(3);
        var boardUrl = new Uri(page.Url).AbsolutePath;
        var firstColumn = page.Locator(".task-column").Nth(0);
        await firstColumn.Locator("input[name=title]").FillAsync("Inspect the crane");
        await firstColumn.Locator("button[type=submit]").First.ClickAsync();
        await Expect(firstColumn.Locator(".task-card")).ToContainTextAsync("Inspect the crane");
        await alice.AssertCleanAsync(page);

        // Bruno watches the same board, in French.
        var watcher = await bruno.NewPageAsync();
        await watcher.GotoAsync(boardUrl);
        // The columns are the board's data (named in Alice's language); Bruno's page speaks French.
        await Expect(watcher.Locator(".task-column").Nth(1).Locator("label").First).ToContainTextAsync("Nouvelle carte dans « In progress »");
        await watcher.EvaluateAsync("() => { window.__sameDocument = true; }");
        await watcher.Locator("[data-tasks-live=ready]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 15_000 });

        // Alice moves the card to the next column with its arrow button (a plain form).
        await page.Locator(".task-card", new() { HasText = "Inspect the crane" }).Locator("button[value=right]").ClickAsync();
        await Expect(page.Locator(".task-column").Nth(1).Locator(".task-card")).ToContainTextAsync("Inspect the crane");
        await Expect(watcher.Locator(".task-column").Nth(1).Locator(".task-card")).ToContainTextAsync("Inspect the crane", new() { Timeout = 15_000 });
        Assert.True(await watcher.EvaluateAsync<bool>("() => window.__sameDocument === true"), "Bruno's page was reloaded");

        // Bruno moves it on with the keyboard; Alice sees it arrive in the last column.
        await page.Locator("[data-board]").WaitForAsync();
        await page.Locator("[data-tasks-live=ready]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 15_000 });
        var card = watcher.Locator(".task-card", new() { HasText = "Inspect the crane" });
        await card.FocusAsync();
        await watcher.Keyboard.PressAsync("Alt+ArrowRight");
        await Expect(watcher.Locator(".task-column").Nth(2).Locator(".task-card")).ToContainTextAsync("Inspect the crane", new() { Timeout = 15_000 });
        await Expect(page.Locator(".task-column").Nth(2).Locator(".task-card")).ToContainTextAsync("Inspect the crane", new() { Timeout = 15_000 });
        await bruno.AssertCleanAsync(watcher);
        await Browser.ScreenshotAsync(watcher, "tasks-board");

        // Carol is not in the sphere: the board does not exist for her.
        var outsider = await carol.NewPageAsync();
        var response = await outsider.GotoAsync(boardUrl);
        Assert.Equal(404, response!.Status);
        await Expect(outsider.Locator("h1")).ToContainTextAsync("Not found");
        Assert.DoesNotContain("Inspect the crane", await outsider.ContentAsync());
    }
}
