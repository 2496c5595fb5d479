using System.Text.RegularExpressions;
using Enclave.E2E.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Enclave.E2E;

/// <summary>Closing an account both ways in the browser, the sign-in page's way back, and how others then see the person's words.</summary>
[Collection(E2ECollection.Name)]
public sealed class CloseAccountTests(EnclaveServer server, Browser browser)
{
    static CloseAccountTests() => SetDefaultExpectTimeout(15_000);

    [Fact]
    public async Task Anonymizing_shows_former_member_to_others_and_sign_in_offers_the_way_back()
    {
        await using var alice = await browser.NewSessionAsync(server);
        await using var zeb = await browser.NewSessionAsync(server, "en-US", Screen.Phone);
        await alice.SignUpAsync(firstName: "Alice", lastName: "Martin");
        var zebUser = await zeb.SignUpAsync(firstName: "Zebulon", lastName: "Quixotesque");
        var org = (await alice.PostJsonAsync("/api/v1/organizations", new { name = Accounts.UniqueName("Org ") })).GetProperty("id").GetGuid();
        var sphere = (await alice.PostJsonAsync("/api/v1/spheres", new { organizationId = org, name = Accounts.UniqueName("Sphere "), type = "classic" })).GetProperty("id").GetGuid();
        foreach (var target in new[] { $"/api/v1/organizations/{org}", $"/api/v1/spheres/{sphere}" })
        {
            var invitation = await alice.PostJsonAsync($"{target}/invitations", new { userName = zebUser.UserName });
            await zeb.PostJsonAsync("/api/v1/invitations/accept", new { token = invitation.GetProperty("token").GetString() });
        }
        var post = (await zeb.PostJsonAsync($"/api/v1/spheres/{sphere}/posts", new { body = "The plan for Monday" })).GetProperty("id").GetGuid();

        var z = await zeb.NewPageAsync();
        await z.GotoAsync("/settings/close");
        await Expect(z.GetByRole(AriaRole.Heading, new() { Name = "Close my account" })).ToBeVisibleAsync();
        await Accessibility.AssertAccessibleAsync(z);
        await zeb.AssertCleanAsync(z);
        await Browser.ScreenshotAsync(z, "close-account-01-choices");
        // No default choice: submitting without one is refused and changes nothing.
        await z.Locator("#close-password").FillAsync(Accounts.Password);
        await z.Locator("#close-account").ClickAsync();
        await Expect(z.Locator("[data-field-error=choice]")).ToBeVisibleAsync();
        await z.Locator("label[for=choice-anonymize]").ClickAsync();
        await z.Locator("#close-password").FillAsync(Accounts.Password);
        await z.Locator("#close-account").ClickAsync();
        await Expect(z).ToHaveURLAsync(new Regex("/account-closed"));
        await Expect(z.Locator("#account-closed")).ToContainTextAsync("Your account is closed");

        // Signing in again with the right password offers to restore the account.
        await z.GotoAsync("/signin");
        await z.Locator("#login").FillAsync(zebUser.UserName);
        await z.Locator("#password").FillAsync(Accounts.Password);
        await z.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(z.Locator("#restore-offer")).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(z, "close-account-02-restore-offer");

        // Alice sees the post signed "Former member", with no link to a profile.
        var a = await alice.NewPageAsync();
        await a.GotoAsync($"/p/{post}");
        await Expect(a.Locator($"#post-{post} .author-former")).ToHaveTextAsync("Former member");
        await Expect(a.Locator($"#post-{post} a.author")).ToHaveCountAsync(0);
        await Expect(a.Locator($"#post-{post}")).Not.ToContainTextAsync("Quixotesque");
        await alice.AssertCleanAsync(a);
    }

    [Fact]
    public async Task Deleting_everything_in_french_then_restoring_within_the_grace_period()
    {
        await using var zeb = await browser.NewSessionAsync(server, "fr-FR");
        var zebUser = await zeb.SignUpAsync(firstName: "Zébulon", lastName: "Quichottesque", language: "fr");
        var z = await zeb.NewPageAsync();
        await z.GotoAsync("/settings");
        await z.GetByRole(AriaRole.Link, new() { Name = "Fermer mon compte" }).ClickAsync();
        await Expect(z.GetByRole(AriaRole.Heading, new() { Name = "Fermer mon compte" })).ToBeVisibleAsync();
        await Expect(z.Locator("#close-account-form")).ToContainTextAsync("30");
        await z.Locator("label[for=choice-delete]").ClickAsync();
        await z.Locator("#close-password").FillAsync(Accounts.Password);
        await z.Locator("#close-account").ClickAsync();
        await Expect(z).ToHaveURLAsync(new Regex("/account-closed"));
        await Expect(z.Locator("#account-closed")).ToContainTextAsync("Votre compte est fermé");

        await z.GotoAsync($"/restore-account?login={Uri.EscapeDataString(zebUser.UserName)}");
        await Accessibility.AssertAccessibleAsync(z);
        await z.Locator("#restore-password").FillAsync(Accounts.Password);
        await z.Locator("#restore-account").ClickAsync();
        await Expect(z).ToHaveURLAsync(server.Url("/"));
        var me = await zeb.GetJsonAsync("/api/v1/me");
        Assert.Equal(zebUser.Id, me.GetProperty("id").GetGuid());
    }
}
