using System.Net;
using Enclave.Tests.Support;

namespace Enclave.Tests.Accounts;

public sealed class AuthEndpointsTests
{
    private const string Signup = "/api/v1/auth/signup";
    private const string Login = "/api/v1/auth/login";

    [Theory, Engines]
    public async Task Sign_up_rejects_each_invalid_field_by_name_and_creates_nothing(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var name = World.UniqueName("ok");
        var problem = await Api.ProblemAsync(app.Anonymous().PostAsync(Signup,
            new { userName = "a!", firstName = "", lastName = new string('x', 101), email = "not-an-email", password = "short", language = "de" }),
            HttpStatusCode.BadRequest, "validation_failed");
        var errors = problem["errors"]!.AsObject();
        foreach (var field in new[] { "userName", "firstName", "lastName", "email", "password", "language" })
            Assert.True(errors.ContainsKey(field), $"{field} missing from {errors}");

        foreach (var bad in new[] { "ab", new string('a', 33), "has space", "accentué", "semi;colon" })
        {
            var p = await Api.ProblemAsync(app.Anonymous().PostAsync(Signup, AccountClients.SignupBody(bad, $"{name}@example.org")), HttpStatusCode.BadRequest, "validation_failed");
            Assert.NotNull(p["errors"]!["userName"]);
        }
        // The bounds themselves are accepted: 3 and 32 characters, with '.', '_' and '-'.
        foreach (var ok in new[] { "k" + Guid.NewGuid().ToString("N")[..2], (name + "._-").PadRight(32, 'z') })
        {
            var created = await app.Anonymous().PostOkAsync(Signup, AccountClients.SignupBody(ok, $"b{ok}@example.org"));
            Assert.Equal(ok, created["user"]!["userName"]!.GetValue<string>());
        }

        // Nothing was created for the rejected attempts: the e-mail is still free.
        await app.Anonymous().PostOkAsync(Signup, AccountClients.SignupBody(name, $"{name}@example.org"));
    }

    [Theory, Engines]
    public async Task Password_policy_names_the_password_field(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var name = World.UniqueName("pw");
        foreach (var password in new[] { "", "123456789", "aaaaaaaaaaaaaaa", "abababababab", $"my{name}password", new string('z', 250) + "abcdefg" })
        {
            var problem = await Api.ProblemAsync(app.Anonymous().PostAsync(Signup, AccountClients.SignupBody(name, password: password)), HttpStatusCode.BadRequest, "validation_failed");
            Assert.NotNull(problem["errors"]!["password"]);
            Assert.Null(problem["errors"]!["userName"]);
        }
        await Api.ProblemAsync(app.Anonymous().PostAsync(Login, new { login = name, password = World.Password }), HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Theory, Engines]
    public async Task User_names_and_emails_are_unique_ignoring_case(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var name = World.UniqueName("Case");
        await app.Anonymous().PostOkAsync(Signup, AccountClients.SignupBody(name));
        var taken = await Api.ProblemAsync(app.Anonymous().PostAsync(Signup, AccountClients.SignupBody(name.ToUpperInvariant(), $"other{name}@example.org")),
            HttpStatusCode.Conflict, "username_taken");
        Assert.NotNull(taken["errors"]!["userName"]);
        var email = await Api.ProblemAsync(app.Anonymous().PostAsync(Signup, AccountClients.SignupBody("x" + name, $"{name.ToUpperInvariant()}@EXAMPLE.org")),
            HttpStatusCode.Conflict, "email_taken");
        Assert.NotNull(email["errors"]!["email"]);
        // The second e-mail was not taken by the refused attempt.
        await app.Anonymous().PostOkAsync(Signup, AccountClients.SignupBody("y" + name, $"other{name}@example.org"));
    }

    [Theory, Engines]
    public async Task Login_by_user_name_or_email_in_token_mode_returns_a_usable_bearer(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync();
        foreach (var login in new[] { alice.User!.UserName, alice.User.UserName.ToUpperInvariant(), alice.User.Email, " " + alice.User.Email.ToUpperInvariant() + " " })
        {
            var body = await app.Anonymous().PostOkAsync(Login, new { login, password = World.Password, mode = "token" });
            Assert.Null(body["csrfToken"]);
            var token = body["token"]!.GetValue<string>();
            Assert.StartsWith("es_", token);
            var me = await app.Bearer(token).GetOkAsync("/api/v1/me");
            Assert.Equal(alice.UserId, me["id"]!.GetValue<Guid>());
        }
    }

    [Theory, Engines]
    public async Task Login_in_cookie_mode_sets_an_http_only_same_site_cookie_and_returns_a_csrf_token(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync();
        var browser = new CookieBrowser(app);
        using var response = await browser.LoginAsync(alice.User!.UserName);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var session = Assert.Single(browser.LastSetCookies, c => c.StartsWith("enclave_session=", StringComparison.Ordinal));
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", session, StringComparison.OrdinalIgnoreCase);
        Assert.False(string.IsNullOrEmpty(browser.CsrfToken));
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("es_", body);
        using var me = await browser.SendAsync(HttpMethod.Get, "/api/v1/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    [Theory, Engines]
    public async Task Wrong_password_or_unknown_login_is_invalid_credentials(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync();
        await Api.ProblemAsync(app.Anonymous().PostAsync(Login, new { login = alice.User!.UserName, password = "wrong password!" }), HttpStatusCode.Unauthorized, "invalid_credentials");
        await Api.ProblemAsync(app.Anonymous().PostAsync(Login, new { login = "nobody" + alice.User.UserName, password = World.Password }), HttpStatusCode.Unauthorized, "invalid_credentials");
        var missing = await Api.ProblemAsync(app.Anonymous().PostAsync(Login, new { }), HttpStatusCode.BadRequest, "validation_failed");
        Assert.NotNull(missing["errors"]!["login"]);
        Assert.NotNull(missing["errors"]!["password"]);
    }

    [Theory, Engines]
    public async Task Logout_closes_only_the_current_session(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync();
        var other = await app.LoginAsync(alice.User!.UserName);
        Assert.Equal(HttpStatusCode.NoContent, (await alice.PostAsync("/api/v1/auth/logout")).StatusCode);
        await Api.ProblemAsync(alice.GetAsync("/api/v1/me"), HttpStatusCode.Unauthorized, "unauthenticated");
        await other.GetOkAsync("/api/v1/me");
        await Api.ProblemAsync(app.Anonymous().PostAsync("/api/v1/auth/logout"), HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Theory, Engines]
    public async Task Logout_all_closes_every_session_but_not_personal_access_tokens(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync();
        var second = await app.LoginAsync(alice.User!.UserName);
        var browser = new CookieBrowser(app);
        (await browser.LoginAsync(alice.User.Email)).Dispose();
        var pat = (await alice.PostOkAsync("/api/v1/me/tokens", new { name = "ci" }))["secret"]!.GetValue<string>();

        await second.PostOkAsync("/api/v1/auth/logout-all");

        await Api.ProblemAsync(alice.GetAsync("/api/v1/me"), HttpStatusCode.Unauthorized, "unauthenticated");
        await Api.ProblemAsync(second.GetAsync("/api/v1/me"), HttpStatusCode.Unauthorized, "unauthenticated");
        using (var me = await browser.SendAsync(HttpMethod.Get, "/api/v1/me")) Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        var viaToken = app.Bearer(pat);
        var sessions = await viaToken.GetOkAsync("/api/v1/me/sessions");
        Assert.Empty(sessions["items"]!.AsArray());
    }
}
