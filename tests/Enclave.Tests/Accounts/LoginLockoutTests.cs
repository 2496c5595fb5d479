using System.Net;
using Enclave.Tests.Support;

namespace Enclave.Tests.Accounts;

/// <summary>Lockout moves the clock, so each test runs on a private app.</summary>
public sealed class LoginLockoutTests
{
    private const string Login = "/api/v1/auth/login";

    [Theory, Engines]
    public async Task Five_failures_lock_the_account_for_fifteen_minutes(Engine engine)
    {
        using var app = new EnclaveApp(engine);
        var alice = await app.SignUpAsync();
        var anonymous = app.Anonymous();
        for (var i = 0; i < 5; i++)
            await Api.ProblemAsync(anonymous.PostAsync(Login, new { login = alice.User!.UserName, password = $"wrong password {i}" }), HttpStatusCode.Unauthorized, "invalid_credentials");

        // Locked: even the right password is refused, with a Retry-After.
        using (var locked = await anonymous.PostAsync(Login, new { login = alice.User!.Email, password = World.Password, mode = "token" }))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
            Assert.Contains("account_locked", await locked.Content.ReadAsStringAsync());
            var retry = int.Parse(locked.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(retry, 14 * 60, 15 * 60);
        }

        app.Clock.Advance(TimeSpan.FromMinutes(14));
        await Api.ProblemAsync(anonymous.PostAsync(Login, new { login = alice.User.UserName, password = World.Password }), HttpStatusCode.TooManyRequests, "account_locked");
        app.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        var session = await app.LoginAsync(alice.User.UserName);
        await session.GetOkAsync("/api/v1/me");
        // The existing session was never affected.
        await alice.GetOkAsync("/api/v1/me");
    }

    /// <summary>An unknown login gets exactly the answers an existing one would: the lockout does not reveal accounts.</summary>
    [Theory, Engines]
    public async Task Unknown_logins_lock_the_same_way(Engine engine)
    {
        using var app = new EnclaveApp(engine);
        var anonymous = app.Anonymous();
        var nobody = World.UniqueName("nobody");
        for (var i = 0; i < 5; i++)
            await Api.ProblemAsync(anonymous.PostAsync(Login, new { login = nobody, password = $"guess {i}" }), HttpStatusCode.Unauthorized, "invalid_credentials");
        using (var locked = await anonymous.PostAsync(Login, new { login = nobody.ToUpperInvariant(), password = "guess 5" }))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
            Assert.Contains("account_locked", await locked.Content.ReadAsStringAsync());
            Assert.InRange(int.Parse(locked.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 14 * 60, 15 * 60);
        }
        app.Clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        await Api.ProblemAsync(anonymous.PostAsync(Login, new { login = nobody, password = "guess 6" }), HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Theory, Engines]
    public async Task A_success_resets_the_failure_count(Engine engine)
    {
        using var app = new EnclaveApp(engine);
        var alice = await app.SignUpAsync();
        var anonymous = app.Anonymous();
        for (var i = 0; i < 4; i++)
            await Api.ProblemAsync(anonymous.PostAsync(Login, new { login = alice.User!.UserName, password = "wrong password!" }), HttpStatusCode.Unauthorized, "invalid_credentials");
        await app.LoginAsync(alice.User!.UserName);
        for (var i = 0; i < 4; i++)
            await Api.ProblemAsync(anonymous.PostAsync(Login, new { login = alice.User.UserName, password = "wrong password!" }), HttpStatusCode.Unauthorized, "invalid_credentials");
        await app.LoginAsync(alice.User.UserName);
    }

    [Theory, Engines]
    public async Task Lockout_follows_the_accounts_lockout_settings(Engine engine)
    {
        using var app = new EnclaveApp(engine, new Dictionary<string, string?>
        {
            ["Accounts:Lockout:MaxFailedAttempts"] = "2",
            ["Accounts:Lockout:LockoutDuration"] = "00:01:00",
        });
        var alice = await app.SignUpAsync();
        var anonymous = app.Anonymous();
        for (var i = 0; i < 2; i++)
            await Api.ProblemAsync(anonymous.PostAsync(Login, new { login = alice.User!.UserName, password = "wrong password!" }), HttpStatusCode.Unauthorized, "invalid_credentials");
        await Api.ProblemAsync(anonymous.PostAsync(Login, new { login = alice.User!.UserName, password = World.Password }), HttpStatusCode.TooManyRequests, "account_locked");
        app.Clock.Advance(TimeSpan.FromSeconds(61));
        await app.LoginAsync(alice.User.UserName);
    }
}
