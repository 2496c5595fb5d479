using Enclave.E2E.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Enclave.E2E;

/// <summary>A person signs in through the page, then finds that sign-in, with its address, in their security activity.</summary>
[Collection(E2ECollection.Name)]
public sealed class AuditTests(EnclaveServer server, Browser browser)
{
    static AuditTests() => SetDefaultExpectTimeout(15_000);

    [Fact]
    public async Task A_sign_in_shows_in_my_security_activity_with_its_ip_address()
    {
        TestUser user;
        await using (var signUp = await browser.NewSessionAsync(server))
            user = await signUp.SignUpAsync(language: "fr");

        await using var session = await browser.NewSessionAsync(server, "fr-FR", Screen.Phone);
        var page = await session.NewPageAsync();
        await page.GotoAsync("/signin");
        await page.Locator("#login").FillAsync(user.UserName);
        await page.Locator("#password").FillAsync(user.Password);
        await page.Locator("#password").PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(server.Url("/"));

        await page.GotoAsync("/settings");
        await page.GetByRole(AriaRole.Link, new() { Name = "Connexions et activité de sécurité" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(server.Url("/settings/activity"));
        var signIn = page.Locator("[data-audit-entry][data-action='auth.sign_in']");
        await Expect(signIn).ToHaveCountAsync(1);
        await Expect(signIn).ToContainTextAsync("Connexion");
        await Expect(signIn.Locator(".audit-ip")).ToHaveTextAsync("127.0.0.1");
        await Expect(page.Locator("#audit-csv")).ToHaveAttributeAsync("href", "/api/v1/me/audit.csv");
        await Accessibility.AssertAccessibleAsync(page);
        await Browser.ScreenshotAsync(page, "audit-01-activity");
        await session.AssertCleanAsync(page);
    }
}
