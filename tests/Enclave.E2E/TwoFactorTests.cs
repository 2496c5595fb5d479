using Enclave.E2E.Support;
using Enclave.Server.Accounts.TwoFactor;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Enclave.E2E;

/// <summary>
/// Two-factor sign-in in the browser: set it up on the security page (the key is read from the page
/// and the code computed here, as an authenticator app would), keep the recovery codes, sign out,
/// then sign in with the password and a code on the second step.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class TwoFactorTests(EnclaveServer server, Browser browser)
{
    static TwoFactorTests() => SetDefaultExpectTimeout(15_000);

    [Fact]
    public async Task Enable_two_factor_sign_out_and_sign_in_with_a_code()
    {
        await using var session = await browser.NewSessionAsync(server);
        var user = await session.SignUpAsync();
        var page = await session.NewPageAsync();

        await page.GotoAsync("/settings/security");
        await page.Locator("#setup-password").FillAsync(user.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Set up two-factor sign-in" }).ClickAsync();
        await Expect(page.Locator("#confirm-form img.qr-code")).ToBeVisibleAsync();
        Assert.True(await page.Locator("#confirm-form img.qr-code").EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"));
        var secret = (await page.Locator("#two-factor-secret").InnerTextAsync()).Trim();
        await Accessibility.AssertAccessibleAsync(page);
        await Browser.ScreenshotAsync(page, "two-factor-01-setup");

        var usedStep = Totp.StepAt(DateTimeOffset.UtcNow);
        await page.Locator("#confirm-code").FillAsync(Totp.Code(Base32.Decode(secret), usedStep));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on" }).ClickAsync();
        await Expect(page.Locator("#recovery-codes li")).ToHaveCountAsync(10);
        await Browser.ScreenshotAsync(page, "two-factor-02-recovery-codes");
        await page.GetByRole(AriaRole.Link, new() { Name = "I have saved them" }).ClickAsync();
        await Expect(page.Locator("#two-factor-on")).ToBeVisibleAsync();

        // Sign out (the layout's form), then sign in again: the password leads to the second step.
        await page.Locator("form[action='/ui/signout']").EvaluateAsync("form => form.requestSubmit()");
        await page.WaitForURLAsync(url => !url.Contains("/settings", StringComparison.Ordinal));
        await page.GotoAsync("/signin");
        await page.Locator("#login").FillAsync(user.UserName);
        await page.Locator("#password").FillAsync(user.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin/two-factor"));
        await Accessibility.AssertAccessibleAsync(page);
        await Browser.ScreenshotAsync(page, "two-factor-03-second-step");

        // The code used to turn it on cannot be used again: wait for the authenticator's next code.
        while (Totp.StepAt(DateTimeOffset.UtcNow) <= usedStep) await Task.Delay(500);
        await page.Locator("#two-factor-code").FillAsync(Totp.Code(Base32.Decode(secret), Totp.StepAt(DateTimeOffset.UtcNow)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(server.Url("/"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "What's new in my spheres" })).ToBeVisibleAsync();
        await session.AssertCleanAsync(page);
    }
}
