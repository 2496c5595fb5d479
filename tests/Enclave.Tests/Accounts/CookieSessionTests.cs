using System.Net;
using System.Text.Json.Nodes;
using Enclave.Tests.Support;

namespace Enclave.Tests.Accounts;

/// <summary>Cookie-authenticated writes must carry the antiforgery token; bearer calls need none.</summary>
public sealed class CookieSessionTests
{
    [Theory, Engines]
    public async Task Cookie_writes_without_the_csrf_header_are_refused_and_change_nothing(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync();
        var browser = new CookieBrowser(app);
        (await browser.LoginAsync(alice.User!.UserName)).Dispose();

        await Api.ProblemAsync(browser.SendAsync(HttpMethod.Patch, "/api/v1/me", new { bio = "forged" }, csrf: false), HttpStatusCode.Forbidden, "csrf_token_invalid");
        await Api.ProblemAsync(browser.SendAsync(HttpMethod.Post, "/api/v1/me/tokens", new { name = "forged" }, csrf: false), HttpStatusCode.Forbidden, "csrf_token_invalid");
        await Api.ProblemAsync(browser.SendAsync(HttpMethod.Post, "/api/v1/organizations", new { name = "Forged org" }, csrf: false), HttpStatusCode.Forbidden, "csrf_token_invalid");
        await Api.ProblemAsync(browser.SendAsync(HttpMethod.Post, "/api/v1/auth/logout-all", null, csrf: false), HttpStatusCode.Forbidden, "csrf_token_invalid");
        var me = await alice.GetOkAsync("/api/v1/me");
        Assert.Equal("", me["bio"]!.GetValue<string>());
        Assert.Empty((await alice.GetOkAsync("/api/v1/me/tokens"))["items"]!.AsArray());
        Assert.Empty((await alice.GetOkAsync("/api/v1/organizations"))["items"]!.AsArray());
        await alice.GetOkAsync("/api/v1/me");

        using (var patched = await browser.SendAsync(HttpMethod.Patch, "/api/v1/me", new { bio = "mine" }))
            Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal("mine", (await alice.GetOkAsync("/api/v1/me"))["bio"]!.GetValue<string>());
    }

    [Theory, Engines]
    public async Task A_forged_or_foreign_csrf_token_is_refused(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync();
        var bob = await app.SignUpAsync();
        var aliceBrowser = new CookieBrowser(app);
        (await aliceBrowser.LoginAsync(alice.User!.UserName)).Dispose();
        var bobBrowser = new CookieBrowser(app);
        (await bobBrowser.LoginAsync(bob.User!.UserName)).Dispose();

        var request = new HttpRequestMessage(HttpMethod.Patch, "/api/v1/me") { Content = JsonContentOf(new { bio = "forged" }) };
        var aliceCookies = await CookieHeaderAsync(app, alice.User.UserName);
        request.Headers.Add("Cookie", aliceCookies.Cookie);
        request.Headers.Add("X-CSRF-TOKEN", bobBrowser.CsrfToken!);
        await Api.ProblemAsync(aliceBrowser.Http.SendAsync(request), HttpStatusCode.Forbidden, "csrf_token_invalid");
        await Api.ProblemAsync(aliceBrowser.Http.SendAsync(new HttpRequestMessage(HttpMethod.Patch, "/api/v1/me")
        {
            Content = JsonContentOf(new { bio = "forged" }),
            Headers = { { "Cookie", aliceCookies.Cookie }, { "X-CSRF-TOKEN", "not-a-token" } },
        }), HttpStatusCode.Forbidden, "csrf_token_invalid");
        Assert.Equal("", (await alice.GetOkAsync("/api/v1/me"))["bio"]!.GetValue<string>());
    }

    [Theory, Engines]
    public async Task The_csrf_endpoint_issues_a_token_and_logout_clears_the_cookie(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync();
        var browser = new CookieBrowser(app);
        (await browser.LoginAsync(alice.User!.UserName)).Dispose();
        using (var csrf = await browser.SendAsync(HttpMethod.Get, "/api/v1/auth/csrf"))
            Assert.False(string.IsNullOrEmpty(JsonNode.Parse(await csrf.Content.ReadAsStringAsync())!["token"]?.GetValue<string>()));

        await Api.ProblemAsync(browser.SendAsync(HttpMethod.Post, "/api/v1/auth/logout", null, csrf: false), HttpStatusCode.Forbidden, "csrf_token_invalid");
        using (var me = await browser.SendAsync(HttpMethod.Get, "/api/v1/me")) Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        using (var logout = await browser.SendAsync(HttpMethod.Post, "/api/v1/auth/logout"))
        {
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
            Assert.Contains(browser.LastSetCookies, c => c.StartsWith("enclave_session=;", StringComparison.Ordinal));
        }
        Assert.False(browser.HasCookie("enclave_session"));
        // Bearer sessions of the same person are unaffected.
        await alice.GetOkAsync("/api/v1/me");
    }

    [Theory, Engines]
    public async Task Sign_up_defaults_to_a_cookie_session(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var browser = new CookieBrowser(app);
        var name = World.UniqueName();
        using var response = await browser.SendAsync(HttpMethod.Post, "/api/v1/auth/signup",
            new { userName = name, firstName = "Cookie", lastName = "Monster", email = $"{name}@example.org", password = World.Password }, csrf: false);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Null(body["token"]);
        Assert.False(string.IsNullOrEmpty(body["csrfToken"]?.GetValue<string>()));
        Assert.Contains(browser.LastSetCookies, c => c.StartsWith("enclave_session=", StringComparison.Ordinal) && c.Contains("httponly", StringComparison.OrdinalIgnoreCase));
        using var me = await browser.SendAsync(HttpMethod.Get, "/api/v1/me");
        Assert.Equal(name, JsonNode.Parse(await me.Content.ReadAsStringAsync())!["userName"]!.GetValue<string>());
    }

    private static HttpContent JsonContentOf(object body) => System.Net.Http.Json.JsonContent.Create(body, options: Api.Json);

    /// <summary>A fresh cookie login, returned as a Cookie header value.</summary>
    private static async Task<(string Cookie, string Csrf)> CookieHeaderAsync(EnclaveApp app, string login)
    {
        var browser = new CookieBrowser(app);
        using var response = await browser.LoginAsync(login);
        var cookie = string.Join("; ", browser.LastSetCookies.Select(c => c.Split(';')[0]));
        return (cookie, browser.CsrfToken!);
    }
}
