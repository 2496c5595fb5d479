using System.IO.Compression;
using System.Text.Json;
using Enclave.E2E.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Enclave.E2E;

/// <summary>A person asks for their data in the browser, watches it being built, downloads it and finds the README and their profile inside.</summary>
[Collection(E2ECollection.Name)]
public sealed class ExportTests(EnclaveServer server, Browser browser)
{
    [Fact]
    public async Task A_person_exports_their_data_from_the_settings()
    {
        await using var session = await browser.NewSessionAsync(server, "fr-FR", Screen.Phone);
        var user = await session.SignUpAsync(firstName: "Élise", lastName: "Portable", language: "fr");
        var page = await session.NewPageAsync();
        await page.GotoAsync("/settings/export");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Exporter mes données" })).ToBeVisibleAsync();
        await Accessibility.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Demander un export" }).ClickAsync();
        await Expect(page.Locator("#settings-saved")).ToBeVisibleAsync();
        // The worker builds it in the background; the page refreshes itself until the link appears.
        var link = page.Locator("a[data-export-download]");
        await Expect(link).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Accessibility.AssertAccessibleAsync(page);
        await Browser.ScreenshotAsync(page, "export-ready");

        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        var path = await download.PathAsync();
        using var zip = ZipFile.OpenRead(path);
        using (var readme = new StreamReader(zip.GetEntry("README.md")!.Open()))
            Assert.Contains("profile.json", await readme.ReadToEndAsync());
        using var profile = await JsonDocument.ParseAsync(zip.GetEntry("profile.json")!.Open());
        Assert.Equal(user.UserName, profile.RootElement.GetProperty("userName").GetString());
        Assert.Equal("Élise", profile.RootElement.GetProperty("firstName").GetString());
        await session.AssertCleanAsync(page);
    }
}
