using Enclave.E2E.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Enclave.E2E;

/// <summary>
/// A browser in French gets Enclave in French from the first page, keeps it once signed up, and
/// the language switch of the top bar changes it both ways.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class FrenchTests(EnclaveServer server, Browser browser)
{
    static FrenchTests() => SetDefaultExpectTimeout(15_000);

    [Fact]
    public async Task A_french_browser_signs_up_in_french_and_switches_language()
    {
        await using var session = await browser.NewSessionAsync(server, "fr-FR");
        var page = await session.NewPageAsync();
        var html = page.Locator("html");

        await page.GotoAsync("/");
        await Expect(html).ToHaveAttributeAsync("lang", "fr");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Un réseau serein et étanche pour votre organisation" })).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "french-01-landing");

        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Créer un compte" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(server.Url("/signup"));
        await Expect(html).ToHaveAttributeAsync("lang", "fr");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Créer un compte", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Prénom")).ToBeVisibleAsync();
        var userName = Accounts.UniqueName("chloe");
        await page.Locator("#firstName").FillAsync("Chloé");
        await page.Locator("#lastName").FillAsync("Dubois");
        await page.Locator("#userName").FillAsync(userName);
        await page.Locator("#email").FillAsync($"{userName}@example.org");
        await page.Locator("#password").FillAsync(Accounts.Password);
        await Browser.ScreenshotAsync(page, "french-02-signup");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer mon compte" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(server.Url("/"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Quoi de neuf dans mes sphères" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Principal" }).GetByRole(AriaRole.Link, new() { Name = "Accueil" })).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "french-03-home");

        // The switch submits itself when a language is picked (no button once enhanced).
        var language = page.Locator("header").GetByLabel("Langue");
        await language.SelectOptionAsync("en");
        await Expect(html).ToHaveAttributeAsync("lang", "en");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "What's new in my spheres" })).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(server.Url("/"));
        await Browser.ScreenshotAsync(page, "french-04-home-in-english");

        await page.Locator("header").GetByLabel("Language").SelectOptionAsync("fr");
        await Expect(html).ToHaveAttributeAsync("lang", "fr");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Quoi de neuf dans mes sphères" })).ToBeVisibleAsync();

        session.AssertNoConsoleErrors(page);
        session.AssertOnlyServerRequested();
    }
}
