using System.Net;
using Enclave.Tests.Support;

namespace Enclave.Tests.Accounts.TwoFactor.Pages;

/// <summary>The security settings page and the second step of the sign-in page, through HTML forms.</summary>
[Collection(TwoFactorClient.Collection)]
public sealed class TwoFactorPageTests
{
    private static EnclaveApp App => TwoFactorClient.Shared(Engine.Sqlite);

    [Fact]
    public async Task Enabling_on_the_settings_page_shows_the_qr_code_the_key_and_the_recovery_codes_once()
    {
        var user = await App.SignUpAsync();
        var browser = PageClient.For(App, user);
        var page = await browser.GetAsync("/settings/security");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Two-factor sign-in", page.Text);

        var wrong = await browser.SubmitAsync(page, "#setup-form", ("Setup.Password", "not my password"));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.Status);
        var setup = await browser.SubmitAsync(page, "#setup-form", ("Setup.Password", World.Password));
        Assert.Equal(HttpStatusCode.OK, setup.Status);
        Assert.Equal("/api/v1/me/two-factor/qr.png", setup.Document.QuerySelector("#confirm-form img.qr-code")?.GetAttribute("src"));
        var secret = setup.Document.QuerySelector("#two-factor-secret")!.TextContent.Trim();
        Assert.Matches("^[A-Z2-7]{32}$", secret);
        // Coming back before confirming shows the same key.
        var again = await browser.GetAsync("/settings/security");
        Assert.Equal(secret, again.Document.QuerySelector("#two-factor-secret")!.TextContent.Trim());

        var confirmed = await browser.SubmitAsync(again, "#confirm-form", ("Confirm.Code", App.NextCode(secret)));
        Assert.Equal(HttpStatusCode.OK, confirmed.Status);
        Assert.Equal(10, confirmed.Document.QuerySelectorAll("#recovery-codes li code").Length);
        var later = await browser.GetAsync("/settings/security");
        Assert.Empty(later.Document.QuerySelectorAll("#recovery-codes"));
        Assert.NotNull(later.Document.QuerySelector("#two-factor-on"));
        Assert.NotNull(later.Document.QuerySelector("#disable-form"));
    }

    [Fact]
    public async Task The_sign_in_page_asks_for_the_code_on_a_second_step()
    {
        var enrolled = await App.EnrolAsync();
        var browser = new PageClient(App);
        var page = await browser.GetAsync("/signin?returnUrl=%2Fnotifications");
        var step = await browser.SubmitAsync(page, "form[action^='/signin']", ("Form.Login", enrolled.Api.User!.UserName), ("Form.Password", World.Password));
        Assert.Equal(HttpStatusCode.Redirect, step.Status);
        Assert.Contains("/signin/two-factor?returnUrl=%2Fnotifications", step.Location);
        Assert.DoesNotContain(step.Response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("enclave_session=", StringComparison.Ordinal));

        var form = await browser.GetAsync(step.Location!);
        Assert.NotNull(form.Document.QuerySelector("#two-factor-form"));
        var refused = await browser.SubmitAsync(form, "#two-factor-form", ("Form.Code", "12345"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        var done = await browser.SubmitAsync(refused, "#two-factor-form", ("Form.Code", App.NextCode(enrolled.Secret)));
        Assert.Equal(HttpStatusCode.Redirect, done.Status);
        Assert.EndsWith("/notifications", done.Location);
        var home = await browser.GetAsync("/");
        Assert.NotNull(home.Document.QuerySelector("#feed-title"));
    }

    [Fact]
    public async Task Without_a_pending_sign_in_the_second_step_sends_back_to_the_password()
    {
        var page = await new PageClient(App).GetAsync("/signin/two-factor");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Null(page.Document.QuerySelector("#two-factor-form"));
        Assert.NotNull(page.Document.QuerySelector("a[href='/signin']"));
    }

    [Fact]
    public async Task A_member_of_an_organization_requiring_it_is_sent_to_enable_it()
    {
        var manager = await App.EnrolAsync();
        var organization = await manager.Api.CreateOrganizationAsync();
        var member = await App.SignUpAsync();
        await manager.Api.InviteAndAcceptAsync($"/api/v1/organizations/{organization}", member);
        await manager.Api.PutOkAsync($"/api/v1/organizations/{organization}/security-policy", new { requireTwoFactor = true });

        var browser = PageClient.For(App, member);
        var portal = await browser.GetAsync($"/o/{organization}");
        Assert.Equal(HttpStatusCode.Redirect, portal.Status);
        Assert.Equal("/settings/security?required=true", portal.Location);
        var settings = await browser.GetAsync(portal.Location!);
        Assert.NotNull(settings.Document.QuerySelector("#two-factor-required"));
    }

    [Fact]
    public async Task Managers_set_the_policy_on_the_organization_settings()
    {
        var manager = await App.EnrolAsync();
        var organization = await manager.Api.CreateOrganizationAsync();
        var browser = PageClient.For(App, manager.Api);
        var settings = await browser.GetAsync($"/o/{organization}/settings");
        Assert.Equal($"/o/{organization}/security", settings.Document.QuerySelector("#security-policy-link")?.GetAttribute("href"));
        var page = await browser.GetAsync($"/o/{organization}/security");
        var bad = await browser.SubmitAsync(page, "#security-policy-form", ("Form.MinPasswordLength", "200"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        var saved = await browser.SubmitAsync(page, "#security-policy-form", ("Form.MinPasswordLength", "16"), ("Form.RequireTwoFactor", "true"));
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        var policy = await manager.Api.GetOkAsync($"/api/v1/organizations/{organization}/security-policy");
        Assert.Equal(16, policy["minPasswordLength"]!.GetValue<int>());
        Assert.True(policy["requireTwoFactor"]!.GetValue<bool>());
        var member = await App.SignUpAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await PageClient.For(App, member).GetAsync($"/o/{organization}/security")).Status);
    }
}
