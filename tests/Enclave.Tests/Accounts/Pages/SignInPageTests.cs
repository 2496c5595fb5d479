using System.Net;
using Enclave.Tests.Support;

namespace Enclave.Tests.Accounts.Pages;

public sealed class SignInPageTests
{
    private static EnclaveApp App => EnclaveApp.Shared(Engine.Sqlite);

    [Fact]
    public async Task Wrong_password_shows_the_problem_and_signs_nobody_in()
    {
        var user = await App.SignUpAsync();
        var browser = new PageClient(App);
        var page = await browser.GetAsync("/signin");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var refused = await browser.SubmitAsync(page, "form[action^='/signin']", ("Form.Login", user.User!.UserName), ("Form.Password", "not the password"));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        Assert.Equal("invalid_credentials", refused.Document.QuerySelector("[data-problem-code]")?.GetAttribute("data-problem-code"));
        Assert.Equal(user.User.UserName, refused.Document.QuerySelector("#login")?.GetAttribute("value"));
        Assert.DoesNotContain(refused.Response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("enclave_session=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Signing_in_sets_the_session_and_goes_back_where_asked()
    {
        var user = await App.SignUpAsync();
        var browser = new PageClient(App);
        var page = await browser.GetAsync("/signin?returnUrl=%2Fnotifications");
        var done = await browser.SubmitAsync(page, "form[action^='/signin']", ("Form.Login", user.User!.Email), ("Form.Password", World.Password));
        Assert.Equal(HttpStatusCode.Redirect, done.Status);
        Assert.EndsWith("/notifications", done.Location);
        var home = await browser.GetAsync("/");
        Assert.NotNull(home.Document.QuerySelector("#feed-title"));
    }

    [Fact]
    public async Task A_return_url_to_another_site_is_ignored()
    {
        var user = await App.SignUpAsync();
        var browser = new PageClient(App);
        var page = await browser.GetAsync("/signin?returnUrl=https%3A%2F%2Fevil.example%2F");
        var done = await browser.SubmitAsync(page, "form[action^='/signin']", ("Form.Login", user.User!.UserName), ("Form.Password", World.Password));
        Assert.Equal(HttpStatusCode.Redirect, done.Status);
        Assert.DoesNotContain("evil.example", done.Location);
    }

    [Fact]
    public async Task A_form_without_its_antiforgery_token_is_refused()
    {
        var browser = new PageClient(App);
        var page = await browser.GetAsync("/signin");
        var forged = await browser.SubmitAsync(page, "form[action^='/signin']", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = "forged", ["Form.Login"] = "x", ["Form.Password"] = "y",
        });
        Assert.Equal(HttpStatusCode.BadRequest, forged.Status);
    }

    [Fact]
    public async Task Signing_out_closes_the_session()
    {
        var user = await App.SignUpAsync();
        var browser = PageClient.For(App, user);
        var home = await browser.GetAsync("/");
        var done = await browser.SubmitAsync(home, "form[action='/ui/signout']");
        Assert.Equal(HttpStatusCode.SeeOther, done.Status);
        using var me = await user.GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
    }
}
