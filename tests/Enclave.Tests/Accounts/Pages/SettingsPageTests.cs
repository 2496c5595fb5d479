using System.Net;
using Enclave.Tests.Support;

namespace Enclave.Tests.Accounts.Pages;

public sealed class SettingsPageTests
{
    private static EnclaveApp App => EnclaveApp.Shared(Engine.Sqlite);

    [Fact]
    public async Task The_profile_form_saves_and_a_bad_value_is_shown_next_to_its_field()
    {
        var alice = await App.SignUpAsync();
        var browser = PageClient.For(App, alice);
        var page = await browser.GetAsync("/settings");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("page", page.Document.QuerySelector(".settings-nav a[href='/settings']")!.GetAttribute("aria-current"));

        var bad = await browser.SubmitFilledAsync(page, "#profile-form", new Dictionary<string, string> { ["Form.FirstName"] = "", ["Form.Bio"] = "Should not be saved" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.NotNull(bad.Document.QuerySelector("#profile-form [data-field-error='firstName']"));
        Assert.Equal("Should not be saved", bad.Document.QuerySelector("#bio")!.TextContent);
        Assert.Equal("", (await alice.GetOkAsync("/api/v1/me"))["bio"]!.GetValue<string>());
        Assert.Equal("Test", (await alice.GetOkAsync("/api/v1/me"))["firstName"]!.GetValue<string>());

        var ok = await browser.SubmitFilledAsync(page, "#profile-form", new Dictionary<string, string> { ["Form.FirstName"] = "Ada", ["Form.Status"] = "On leave", ["Form.Language"] = "fr" });
        Assert.Equal(HttpStatusCode.Redirect, ok.Status);
        var me = await alice.GetOkAsync("/api/v1/me");
        Assert.Equal("Ada", me["firstName"]!.GetValue<string>());
        Assert.Equal("On leave", me["status"]!.GetValue<string>());
        Assert.Equal("fr", me["language"]!.GetValue<string>());
        // The account's language takes effect on the next page.
        var next = await browser.GetAsync("/settings?saved=profile");
        Assert.Equal("fr", next.Document.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Votre profil a été enregistré.", next.Document.QuerySelector("#settings-saved")!.TextContent);
    }

    [Fact]
    public async Task A_new_token_shows_its_secret_once_and_the_list_never_again()
    {
        var alice = await App.SignUpAsync();
        var browser = PageClient.For(App, alice);
        var page = await browser.GetAsync("/settings/tokens");
        var bad = await browser.SubmitFilledAsync(page, "#token-form", new Dictionary<string, string> { ["Form.Name"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.NotNull(bad.Document.QuerySelector("[data-field-error='name']"));
        Assert.Null(bad.Document.QuerySelector("#token-created"));

        var created = await browser.SubmitFilledAsync(page, "#token-form", new Dictionary<string, string> { ["Form.Name"] = "Backup script", ["Form.ExpiresInDays"] = "30" });
        Assert.Equal(HttpStatusCode.OK, created.Status);
        var secret = created.Document.QuerySelector("[data-token-secret]")!.GetAttribute("value")!;
        Assert.StartsWith("ept_", secret);
        Assert.Single(created.Document.QuerySelectorAll("#token-list > li"));
        // The secret works, and the list shows only its prefix from now on.
        Assert.Equal(alice.UserId, (await AccountClients.Bearer(App, secret).GetOkAsync("/api/v1/me"))["id"]!.GetValue<Guid>());
        var again = await browser.GetAsync("/settings/tokens");
        Assert.DoesNotContain(secret, again.Html);
        Assert.Null(again.Document.QuerySelector("#token-created"));
        Assert.Contains("Backup script", again.Document.QuerySelector("#token-list")!.TextContent);

        var revoked = await browser.SubmitFilledAsync(again, "#token-list form");
        Assert.Equal(HttpStatusCode.SeeOther, revoked.Status);
        Assert.Empty((await alice.GetOkAsync("/api/v1/me/tokens"))["items"]!.AsArray());
    }

    [Fact]
    public async Task Closing_a_session_ends_it()
    {
        var alice = await App.SignUpAsync();
        var other = await AccountClients.LoginAsync(App, alice.User!.UserName);
        var browser = PageClient.For(App, alice);
        var page = await browser.GetAsync("/settings/sessions");
        Assert.Equal(2, page.Document.QuerySelectorAll("#session-list > li").Length);
        Assert.Single(page.Document.QuerySelectorAll("#session-list [data-this-device]"));

        var closed = await browser.SubmitFilledAsync(page, "#session-list > li[data-current='false'] form");
        Assert.Equal(HttpStatusCode.SeeOther, closed.Status);
        Assert.Equal("/settings/sessions?saved=true", closed.Location);
        Assert.Equal(HttpStatusCode.Unauthorized, (await other.GetAsync("/api/v1/me")).StatusCode);
        await alice.GetOkAsync("/api/v1/me");

        var all = await browser.SubmitFilledAsync(await browser.GetAsync("/settings/sessions"), "#close-all-sessions");
        Assert.Equal("/signin", all.Location);
        Assert.Equal(HttpStatusCode.Unauthorized, (await alice.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task A_wrong_current_password_is_shown_and_changes_nothing()
    {
        var alice = await App.SignUpAsync();
        var other = await AccountClients.LoginAsync(App, alice.User!.UserName);
        var browser = PageClient.For(App, alice);
        var page = await browser.GetAsync("/settings/password");
        var values = new Dictionary<string, string> { ["Form.CurrentPassword"] = "not my password", ["Form.NewPassword"] = "a brand new passphrase", ["Form.ConfirmPassword"] = "a brand new passphrase" };
        var bad = await browser.SubmitFilledAsync(page, "#password-form", values);
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.NotNull(bad.Document.QuerySelector("#password-form [data-field-error='currentPassword']"));
        await other.GetOkAsync("/api/v1/me");
        await App.Anonymous().PostOkAsync("/api/v1/auth/login", new { login = alice.User.UserName, password = World.Password, mode = "token" });

        values["Form.CurrentPassword"] = World.Password;
        var ok = await browser.SubmitFilledAsync(page, "#password-form", values);
        Assert.Equal(HttpStatusCode.Redirect, ok.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await other.GetAsync("/api/v1/me")).StatusCode);
        await alice.GetOkAsync("/api/v1/me");
    }

    [Fact]
    public async Task Settings_need_sign_in_and_notification_levels_are_saved_per_sphere()
    {
        var anonymous = await PageClient.For(App, null).GetAsync("/settings/tokens");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.Status);
        Assert.Contains("/signin?returnUrl=%2Fsettings%2Ftokens", anonymous.Location);

        var alice = await App.SignUpAsync();
        var sphere = await alice.CreateSphereAsync(await alice.CreateOrganizationAsync());
        var browser = PageClient.For(App, alice);
        var page = await browser.GetAsync("/settings/notifications");
        var saved = await browser.SubmitFilledAsync(page, $"#level-{sphere} form", new Dictionary<string, string> { ["level"] = "nothing" });
        Assert.Equal(HttpStatusCode.SeeOther, saved.Status);
        Assert.Equal("nothing", (await alice.GetOkAsync($"/api/v1/spheres/{sphere}/notification-level"))["level"]!.GetValue<string>());
    }
}
