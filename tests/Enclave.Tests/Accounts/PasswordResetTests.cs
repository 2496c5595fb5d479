using System.Net;
using System.Text.RegularExpressions;
using Enclave.Server.Mail;
using Enclave.Tests.Mail;
using Enclave.Tests.Support;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Enclave.Tests.Accounts;

public sealed partial class PasswordResetTests
{
    private const string Request = "/api/v1/auth/password-reset";
    private const string Confirm = "/api/v1/auth/password-reset/confirm";
    private const string NewPassword = "a brand new passphrase";

    private static async Task RequestResetAsync(EnclaveApp app, string login)
    {
        using var response = await app.Anonymous().PostAsync(Request, new { login });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
    }

    /// <summary>The reset links emailed to <paramref name="user"/> so far, oldest first.</summary>
    private static List<(ParsedMail Mail, string Link, string Token)> Links(EnclaveApp app, Api user) =>
        app.MailsTo(user.User!.Email).Select(m =>
        {
            var match = LinkPattern().Match(m.Text!);
            Assert.True(match.Success, "no reset link in: " + m.Text);
            return (m, match.Value, Uri.UnescapeDataString(match.Groups[1].Value));
        }).ToList();

    private static Task<HttpResponseMessage> ConfirmAsync(EnclaveApp app, string token, string password = NewPassword) =>
        app.Anonymous().PostAsync(Confirm, new { token, newPassword = password });

    private static async Task AssertSignedOutAsync(Api client) =>
        await Api.ProblemAsync(client.GetAsync("/api/v1/me"), HttpStatusCode.Unauthorized, "unauthenticated");

    private static Task AssertLoginFailsAsync(EnclaveApp app, string login, string password) =>
        Api.ProblemAsync(app.Anonymous().PostAsync("/api/v1/auth/login", new { login, password }), HttpStatusCode.Unauthorized, "invalid_credentials");

    [Theory, Engines]
    public async Task A_reset_round_trip_changes_the_password_and_closes_every_session(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync(firstName: "Alice", lastName: "Zeta");
        var otherSession = await app.LoginAsync(alice.User!.UserName);

        await RequestResetAsync(app, alice.User.UserName);
        var (mail, link, token) = Assert.Single(Links(app, alice));
        Assert.StartsWith("http://localhost/reset-password?token=", link, StringComparison.Ordinal);
        Assert.True(token.Length >= 43, "the token carries at least 32 random bytes");
        Assert.Equal("Reset your Enclave password", mail.Header("Subject"));
        Assert.StartsWith("Hello Alice,", mail.Text, StringComparison.Ordinal);
        Assert.Contains($"href=\"{link}\"", mail.Html!.Replace("&amp;", "&", StringComparison.Ordinal), StringComparison.Ordinal);
        // The email names nothing but the first name and the link.
        foreach (var body in new[] { mail.Text!, mail.Html! })
        {
            Assert.DoesNotContain(alice.User.UserName, body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Zeta", body, StringComparison.Ordinal);
        }

        using (var confirmed = await ConfirmAsync(app, token))
            Assert.Equal(HttpStatusCode.NoContent, confirmed.StatusCode);

        await AssertLoginFailsAsync(app, alice.User.UserName, World.Password);
        await (await app.LoginAsync(alice.User.UserName, NewPassword)).GetOkAsync("/api/v1/me");
        await AssertSignedOutAsync(alice);
        await AssertSignedOutAsync(otherSession);
        // Single use.
        await Api.ProblemAsync(ConfirmAsync(app, token, "yet another passphrase"), HttpStatusCode.BadRequest, "reset_token_invalid");
        await (await app.LoginAsync(alice.User.Email, NewPassword)).GetOkAsync("/api/v1/me");
    }

    [Theory, Engines]
    public async Task The_email_is_in_the_users_language_and_links_to_the_public_url(Engine engine)
    {
        using var app = new EnclaveApp(engine, new Dictionary<string, string?> { ["Enclave:PublicUrl"] = "https://enclave.example.org/" });
        var name = World.UniqueName();
        await app.Anonymous().PostOkAsync("/api/v1/auth/signup", new
        {
            userName = name, firstName = "Zoé", lastName = "Durand", email = $"{name}@example.org", password = World.Password, language = "fr", mode = "token",
        });
        await RequestResetAsync(app, $"  {name.ToUpperInvariant()}@EXAMPLE.org ");

        var mail = Assert.Single(Eml.ReadOutbox(app.Outbox));
        Assert.Equal($"{name}@example.org", mail.Header("To"));
        Assert.StartsWith("=?utf-8?B?", mail.RawHeaders["Subject"], StringComparison.Ordinal);
        Assert.Equal("Réinitialisez votre mot de passe Enclave", mail.Header("Subject"));
        Assert.StartsWith("Bonjour Zoé,", mail.Text, StringComparison.Ordinal);
        Assert.Contains("expire dans 1 heure", mail.Text, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"fr\">", mail.Html, StringComparison.Ordinal);
        Assert.Matches(@"https://enclave\.example\.org/reset-password\?token=epr_[A-Za-z0-9_-]{43}\r\n", mail.Text);
    }

    [Theory, Engines]
    public async Task An_unknown_login_gets_the_same_answer_and_no_email(Engine engine)
    {
        using var app = new EnclaveApp(engine);
        var alice = await app.SignUpAsync();
        using var unknown = await app.Anonymous().PostAsync(Request, new { login = World.UniqueName("nobody") });
        using var unknownEmail = await app.Anonymous().PostAsync(Request, new { login = "nobody@example.org" });
        using var known = await app.Anonymous().PostAsync(Request, new { login = alice.User!.UserName });
        foreach (var response in new[] { unknown, unknownEmail, known })
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            Assert.Equal("", await response.Content.ReadAsStringAsync());
            Assert.Equal(known.Headers.Select(h => h.Key).Order(), response.Headers.Select(h => h.Key).Order());
        }
        var mail = Assert.Single(Eml.ReadOutbox(app.Outbox));
        Assert.Equal(alice.User.Email, mail.Header("To"));
    }

    [Theory, Engines]
    public async Task A_new_request_replaces_the_earlier_link(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var bob = await app.SignUpAsync();
        await RequestResetAsync(app, bob.User!.UserName);
        await RequestResetAsync(app, bob.User.Email);
        var links = Links(app, bob);
        Assert.Equal(2, links.Count);
        Assert.NotEqual(links[0].Token, links[1].Token);
        await Api.ProblemAsync(ConfirmAsync(app, links[0].Token), HttpStatusCode.BadRequest, "reset_token_invalid");
        await app.LoginAsync(bob.User.UserName);
        using (var confirmed = await ConfirmAsync(app, links[1].Token))
            Assert.Equal(HttpStatusCode.NoContent, confirmed.StatusCode);
        await app.LoginAsync(bob.User.UserName, NewPassword);
    }

    [Theory, Engines]
    public async Task A_link_expires_after_an_hour(Engine engine)
    {
        using var app = new EnclaveApp(engine);
        var carol = await app.SignUpAsync();
        await RequestResetAsync(app, carol.User!.UserName);
        var token = Assert.Single(Links(app, carol)).Token;
        app.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        await Api.ProblemAsync(ConfirmAsync(app, token), HttpStatusCode.Gone, "reset_token_expired");
        // Nothing changed: the old password still works, and a fresh link does.
        await carol.GetOkAsync("/api/v1/me");
        await app.LoginAsync(carol.User.UserName);
        await RequestResetAsync(app, carol.User.UserName);
        using var confirmed = await ConfirmAsync(app, Links(app, carol)[^1].Token);
        Assert.Equal(HttpStatusCode.NoContent, confirmed.StatusCode);
    }

    [Theory, Engines]
    public async Task The_lifetime_follows_the_setting(Engine engine)
    {
        using var app = new EnclaveApp(engine, new Dictionary<string, string?> { ["Accounts:PasswordResetLifetime"] = "00:10:00" });
        var dave = await app.SignUpAsync();
        await RequestResetAsync(app, dave.User!.UserName);
        var (mail, _, token) = Assert.Single(Links(app, dave));
        Assert.Contains("expires in 10 minutes", mail.Text, StringComparison.Ordinal);
        app.Clock.Advance(TimeSpan.FromMinutes(9));
        using (var confirmed = await ConfirmAsync(app, token))
            Assert.Equal(HttpStatusCode.NoContent, confirmed.StatusCode);

        await RequestResetAsync(app, dave.User.UserName);
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        await Api.ProblemAsync(ConfirmAsync(app, Links(app, dave)[^1].Token, "a third passphrase!"), HttpStatusCode.Gone, "reset_token_expired");
    }

    [Theory, Engines]
    public async Task A_weak_password_is_refused_and_the_link_still_works(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var erin = await app.SignUpAsync();
        await RequestResetAsync(app, erin.User!.UserName);
        var token = Assert.Single(Links(app, erin)).Token;

        foreach (var weak in new[] { "short", "aaaaaaaaaaaaaaaa", $"my name is {erin.User.UserName}" })
        {
            var problem = await Api.ProblemAsync(ConfirmAsync(app, token, weak), HttpStatusCode.BadRequest, "validation_failed");
            Assert.NotNull(problem["errors"]!["newPassword"]);
            Assert.Null(problem["errors"]!["token"]);
        }
        await erin.GetOkAsync("/api/v1/me");
        await app.LoginAsync(erin.User.UserName);
        using var confirmed = await ConfirmAsync(app, token);
        Assert.Equal(HttpStatusCode.NoContent, confirmed.StatusCode);
    }

    [Theory, Engines]
    public async Task A_reset_lifts_the_lockout(Engine engine)
    {
        // A private app, as LoginLockoutTests: other tests move the shared app's clock, and a quarter
        // of an hour moved between the fifth failure and the next sign-in lifted the lock (a rare 200).
        using var app = new EnclaveApp(engine);
        var frank = await app.SignUpAsync();
        for (var i = 0; i < 5; i++) await AssertLoginFailsAsync(app, frank.User!.UserName, $"wrong password {i}");
        await Api.ProblemAsync(app.Anonymous().PostAsync("/api/v1/auth/login", new { login = frank.User!.UserName, password = World.Password }), HttpStatusCode.TooManyRequests, "account_locked");
        await RequestResetAsync(app, frank.User.UserName);
        using (var confirmed = await ConfirmAsync(app, Assert.Single(Links(app, frank)).Token))
            Assert.Equal(HttpStatusCode.NoContent, confirmed.StatusCode);
        await app.LoginAsync(frank.User.UserName, NewPassword);
    }

    [Theory, Engines]
    public async Task Changing_the_password_cancels_a_pending_link(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var gina = await app.SignUpAsync();
        await RequestResetAsync(app, gina.User!.UserName);
        await gina.PutOkAsync("/api/v1/me/password", new { currentPassword = World.Password, newPassword = "changed on purpose!" });
        await Api.ProblemAsync(ConfirmAsync(app, Assert.Single(Links(app, gina)).Token), HttpStatusCode.BadRequest, "reset_token_invalid");
        await app.LoginAsync(gina.User.UserName, "changed on purpose!");
    }

    [Theory, Engines]
    public async Task Malformed_bodies_are_refused(Engine engine)
    {
        var anonymous = EnclaveApp.Shared(engine).Anonymous();
        await Api.ProblemAsync(anonymous.SendRawAsync(HttpMethod.Post, Request, "{not json"), HttpStatusCode.BadRequest, "malformed_json");
        await Api.ProblemAsync(anonymous.SendRawAsync(HttpMethod.Post, Request, """{"login": 42}"""), HttpStatusCode.BadRequest, "malformed_json");
        var missing = await Api.ProblemAsync(anonymous.PostAsync(Request, new { }), HttpStatusCode.BadRequest, "validation_failed");
        Assert.NotNull(missing["errors"]!["login"]);
        await Api.ProblemAsync(anonymous.PostAsync(Request, new { login = new string('a', 255) }), HttpStatusCode.BadRequest, "validation_failed");

        await Api.ProblemAsync(anonymous.SendRawAsync(HttpMethod.Post, Confirm, "[1, 2]"), HttpStatusCode.BadRequest, "malformed_json");
        await Api.ProblemAsync(anonymous.SendRawAsync(HttpMethod.Post, Confirm, """{"token": true, "newPassword": "x"}"""), HttpStatusCode.BadRequest, "malformed_json");
        var empty = await Api.ProblemAsync(anonymous.PostAsync(Confirm, new { }), HttpStatusCode.BadRequest, "validation_failed");
        Assert.NotNull(empty["errors"]!["token"]);
        Assert.NotNull(empty["errors"]!["newPassword"]);
        await Api.ProblemAsync(anonymous.PostAsync(Confirm, new { token = "epr_madeup", newPassword = NewPassword }), HttpStatusCode.BadRequest, "reset_token_invalid");
    }

    [Theory, Engines]
    public async Task Requests_are_rate_limited_per_address(Engine engine)
    {
        using var app = new EnclaveApp(engine, new Dictionary<string, string?> { ["RateLimits:PasswordResetPerHour"] = "2" });
        var henry = await app.SignUpAsync();
        await RequestResetAsync(app, World.UniqueName("nobody"));
        await RequestResetAsync(app, henry.User!.UserName);
        using var refused = await app.Anonymous().PostAsync(Request, new { login = henry.User.UserName });
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.Contains("Retry-After"));
        Assert.Single(Links(app, henry));
        // Confirming is not limited by the request budget.
        using var confirmed = await ConfirmAsync(app, Links(app, henry)[0].Token);
        Assert.Equal(HttpStatusCode.NoContent, confirmed.StatusCode);
    }

    /// <summary>A broken mail sender must not turn "this account exists" into a different answer.</summary>
    [Theory, Engines]
    public async Task A_failing_mail_sender_does_not_change_the_answer(Engine engine)
    {
        using var app = new EnclaveApp(engine);
        var ivy = await app.SignUpAsync();
        using var broken = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IMailSender, FailingSender>()));
        var client = broken.CreateClient();
        using var known = await client.PostAsync(Request, System.Net.Http.Json.JsonContent.Create(new { login = ivy.User!.UserName }));
        using var unknown = await client.PostAsync(Request, System.Net.Http.Json.JsonContent.Create(new { login = World.UniqueName("nobody") }));
        Assert.Equal(HttpStatusCode.Accepted, known.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, unknown.StatusCode);
        Assert.Equal("", await known.Content.ReadAsStringAsync());
    }

    private sealed class FailingSender : IMailSender
    {
        public Task SendAsync(EmailMessage message, CancellationToken cancellationToken) => throw new IOException("disk full");
    }

    [GeneratedRegex(@"https?://[^\s/]+/reset-password\?token=([A-Za-z0-9_%-]+)")]
    private static partial Regex LinkPattern();
}
