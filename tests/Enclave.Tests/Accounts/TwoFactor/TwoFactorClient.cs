using System.Net;
using System.Text.Json.Nodes;
using Enclave.Server.Accounts.TwoFactor;
using Enclave.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Enclave.Tests.Accounts.TwoFactor;

/// <summary>Apps and steps shared by the two-factor tests: codes are computed from the secret on the app's clock.</summary>
public static class TwoFactorClient
{
    public const string Login = "/api/v1/auth/login";
    public const string SecondStep = "/api/v1/auth/login/two-factor";

    private static readonly Dictionary<Engine, Lazy<EnclaveApp>> Apps = new()
    {
        [Engine.Sqlite] = new(() => Started(NewApp(Engine.Sqlite))),
        [Engine.Postgres] = new(() => Started(NewApp(Engine.Postgres))),
    };

    /// <summary>One app per engine for these tests: they move its clock, which the general shared app must not see.</summary>
    public static EnclaveApp Shared(Engine engine) => Apps[engine].Value;

    /// <summary>
    /// The xunit collection of every test class that uses <see cref="Shared"/>: one at a time, since
    /// each moves the shared clock a step per code. In parallel, two other tests' steps between a code
    /// and its check put the server past the one step of tolerance (a rare 401 invalid_two_factor_code).
    /// </summary>
    public const string Collection = "Two-factor shared clock";

    /// <summary>Starts the server inside the lazy initialisation: tests of several classes must not start it at once.</summary>
    private static EnclaveApp Started(EnclaveApp app)
    {
        app.Anonymous().Http.Dispose();
        return app;
    }

    public static EnclaveApp NewApp(Engine engine, int perMinute = 1_000_000) =>
        new(engine, new Dictionary<string, string?> { ["RateLimits:TwoFactorPerMinute"] = perMinute.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    /// <summary>The code of the current step; the clock first moves to a fresh step so that no earlier code was accepted in it.</summary>
    public static string NextCode(this EnclaveApp app, string secret)
    {
        app.Clock.Advance(TimeSpan.FromSeconds(Totp.StepSeconds));
        return CurrentCode(app, secret);
    }

    public static string CurrentCode(this EnclaveApp app, string secret) =>
        Totp.Code(Base32.Decode(secret), Totp.StepAt(app.Clock.GetUtcNow()));

    public sealed record Enrolled(Api Api, string Secret, IReadOnlyList<string> RecoveryCodes);

    /// <summary>Signs someone up and turns two-factor sign-in on through the API.</summary>
    public static async Task<Enrolled> EnrolAsync(this EnclaveApp app, Api? user = null)
    {
        user ??= await app.SignUpAsync();
        var setup = await user.PostOkAsync("/api/v1/me/two-factor/setup", new { password = World.Password });
        var secret = setup["secret"]!.GetValue<string>();
        var confirmed = await user.PostOkAsync("/api/v1/me/two-factor/confirm", new { code = app.NextCode(secret) });
        var codes = confirmed["recoveryCodes"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();
        return new Enrolled(user, secret, codes);
    }

    /// <summary>The password step, which must answer 401 two_factor_required; returns the challenge.</summary>
    public static async Task<string> ChallengeAsync(this EnclaveApp app, string login)
    {
        var problem = await Api.ProblemAsync(app.Anonymous().PostAsync(Login, new { login, password = World.Password, mode = "token" }), HttpStatusCode.Unauthorized, "two_factor_required");
        return problem["challenge"]!.GetValue<string>();
    }

    public static Task<HttpResponseMessage> SecondStepAsync(this EnclaveApp app, string? challenge, string? code) =>
        app.Anonymous().PostAsync(SecondStep, new { challenge, code, mode = "token" });

    public static async Task<Api> SignInWithCodeAsync(this EnclaveApp app, string login, string code)
    {
        var challenge = await app.ChallengeAsync(login);
        var anonymous = app.Anonymous();
        var session = await anonymous.OkAsync(app.SecondStepAsync(challenge, code));
        return app.Bearer(session["token"]!.GetValue<string>());
    }

    public static async Task<List<(string Action, string? Detail)>> AuditAsync(this EnclaveApp app, Guid userId)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Enclave.Server.Data.EnclaveDb>();
        return (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
                db.AuditEntries.Where(e => e.SubjectUserId == userId).OrderBy(e => e.Id).Select(e => new { e.Action, e.Detail })))
            .Select(e => (e.Action, e.Detail)).ToList();
    }

    public static JsonNode? Errors(JsonNode problem) => problem["errors"];
}
