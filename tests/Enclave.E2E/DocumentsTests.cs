using Enclave.E2E.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Enclave.E2E;

/// <summary>
/// The document box in the browser: a folder and a file created through the page's forms, a
/// colleague's page updating live when another file arrives, the lock seen by the other person,
/// and an outsider who gets not-found.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class DocumentsTests(EnclaveServer server, Browser browser)
{
    [Fact]
    public async Task Two_colleagues_share_a_document_box_live_and_an_outsider_sees_nothing()
    {
        await using var alice = await browser.NewSessionAsync(server);
        await using var bruno = await browser.NewSessionAsync(server, "fr-FR", Screen.Phone);
        await using var outsider = await browser.NewSessionAsync(server);
        await alice.SignUpAsync(Accounts.UniqueName("alice"), "Alice", "Martin");
        var b = await bruno.SignUpAsync(Accounts.UniqueName("bruno"), "Bruno", "Keller");
        await outsider.SignUpAsync(Accounts.UniqueName("olga"), "Olga", "Stranger");
        var organization = (await alice.PostJsonAsync("/api/v1/organizations", new { name = "Harbour office" })).GetProperty("id").GetGuid();
        var sphere = (await alice.PostJsonAsync("/api/v1/spheres", new { organizationId = organization, name = "Dock planning" })).GetProperty("id").GetGuid();
        foreach (var target in new[] { $"/api/v1/organizations/{organization}", $"/api/v1/spheres/{sphere}" })
        {
            var invitation = await alice.PostJsonAsync($"{target}/invitations", new { userName = b.UserName });
            await bruno.PostJsonAsync("/api/v1/invitations/accept", new { token = invitation.GetProperty("token").GetString() });
        }

        // Alice creates a folder and uploads a file with the page's forms.
        var page = await alice.NewPageAsync();
        await page.GotoAsync($"/s/{sphere}/documents");
        await page.FillAsync("#folder-name", "Cranes");
        await page.ClickAsync("#folder-create button[type=submit]");
        await Expect(page.Locator("#document-folders")).ToContainTextAsync("Cranes");
        await page.SetInputFilesAsync("#document-file", new FilePayload { Name = "schedule.txt", MimeType = "text/plain", Buffer = "Crane 1: Monday\n"u8.ToArray() });
        await page.ClickAsync("#document-upload button[type=submit]");
        await Expect(page.Locator("#document-files")).ToContainTextAsync("schedule.txt");
        await alice.AssertCleanAsync(page);

        // Bruno's page follows live: a file Alice adds shows up without a reload.
        var brunoPage = await bruno.NewPageAsync();
        await brunoPage.GotoAsync($"/s/{sphere}/documents");
        await brunoPage.EvaluateAsync("() => { window.__sameDocument = true; }");
        await brunoPage.Locator("[data-documents-live=ready]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 15_000 });
        await page.SetInputFilesAsync("#document-file", new FilePayload { Name = "berths.txt", MimeType = "text/plain", Buffer = "Berth 4 closed\n"u8.ToArray() });
        await page.ClickAsync("#document-upload button[type=submit]");
        await Expect(brunoPage.Locator("#document-files")).ToContainTextAsync("berths.txt", new() { Timeout = 15_000 });
        Assert.True(await brunoPage.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the page was reloaded");
        await Browser.ScreenshotAsync(brunoPage, "documents-live");

        // Alice locks the schedule; Bruno sees who edits it and gets no upload form.
        await page.ClickAsync("text=schedule.txt");
        await page.ClickAsync("#document-lock-form button[type=submit]");
        await Expect(page.Locator("#document-lock")).ToBeVisibleAsync();
        await brunoPage.ClickAsync("text=schedule.txt");
        await Expect(brunoPage.Locator("#document-lock")).ToContainTextAsync("Alice");
        await Expect(brunoPage.Locator("#document-new-version")).ToHaveCountAsync(0);
        await bruno.AssertCleanAsync(brunoPage);
        var fileUrl = brunoPage.Url;

        // The outsider, signed in but not in the sphere: not found, for the box and the file.
        var outsiderPage = await outsider.NewPageAsync();
        var response = await outsiderPage.GotoAsync($"/s/{sphere}/documents");
        Assert.Equal(404, response!.Status);
        await Expect(outsiderPage.Locator("body")).Not.ToContainTextAsync("schedule.txt");
        response = await outsiderPage.GotoAsync(fileUrl);
        Assert.Equal(404, response!.Status);
        await Expect(outsiderPage.Locator("body")).Not.ToContainTextAsync("Crane");
    }

}
