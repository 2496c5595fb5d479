using System.Net;
using Enclave.Server.Audit;
using Enclave.Tests.Support;

namespace Enclave.Tests.Accounts.TwoFactor;

[Collection(TwoFactorClient.Collection)]
public sealed class TwoFactorEnrolmentTests
{
    private const string Setup = "/api/v1/me/two-factor/setup";

    [Theory, Engines]
    public async Task Setup_gives_a_secret_a_qr_code_and_a_first_code_turns_it_on_with_ten_recovery_codes(Engine engine)
    {
        var app = TwoFactorClient.Shared(engine);
        var alice = await app.SignUpAsync();
        Assert.False((await alice.GetOkAsync("/api/v1/me/two-factor"))["enabled"]!.GetValue<bool>());
        await Api.ProblemAsync(alice.GetAsync("/api/v1/me/two-factor/qr.png"), HttpStatusCode.NotFound, "not_found");

        var setup = await alice.PostOkAsync(Setup, new { password = World.Password });
        var secret = setup["secret"]!.GetValue<string>();
        Assert.Matches("^[A-Z2-7]{32}$", secret);
        var uri = setup["otpauthUri"]!.GetValue<string>();
        Assert.StartsWith($"otpauth://totp/Enclave:{alice.User!.UserName}?secret={secret}&issuer=Enclave", uri);
        Assert.Contains("digits=6", uri);
        Assert.Contains("period=30", uri);

        using (var qr = await alice.GetAsync(setup["qrCodeUrl"]!.GetValue<string>()))
        {
            Assert.Equal(HttpStatusCode.OK, qr.StatusCode);
            Assert.Equal("image/png", qr.Content.Headers.ContentType?.MediaType);
            Assert.Equal("no-store", qr.Headers.CacheControl?.ToString());
            var png = await qr.Content.ReadAsByteArrayAsync();
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        }
        var status = await alice.GetOkAsync("/api/v1/me/two-factor");
        Assert.True(status["setupPending"]!.GetValue<bool>());
        Assert.False(status["enabled"]!.GetValue<bool>());

        // A wrong code does not turn it on, and is audited.
        var wrong = app.NextCode(secret) == "000000" ? "111111" : "000000";
        await Api.ProblemAsync(alice.PostAsync("/api/v1/me/two-factor/confirm", new { code = wrong }), HttpStatusCode.Unauthorized, "invalid_two_factor_code");
        var confirmed = await alice.PostOkAsync("/api/v1/me/two-factor/confirm", new { code = app.CurrentCode(secret) });
        var codes = confirmed["recoveryCodes"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();
        Assert.Equal(10, codes.Distinct().Count());

        status = await alice.GetOkAsync("/api/v1/me/two-factor");
        Assert.True(status["enabled"]!.GetValue<bool>());
        Assert.Equal(10, status["recoveryCodesLeft"]!.GetValue<int>());
        // The secret is no longer shown once enabled; a new setup needs disabling first.
        await Api.ProblemAsync(alice.GetAsync("/api/v1/me/two-factor/qr.png"), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(alice.PostAsync(Setup, new { password = World.Password }), HttpStatusCode.Conflict, "two_factor_already_enabled");

        var audit = await app.AuditAsync(alice.UserId);
        Assert.Contains((AuditActions.TwoFactorFailed, "wrong_code"), audit);
        Assert.Contains((AuditActions.TwoFactorEnabled, null), audit);
    }

    [Theory, Engines]
    public async Task The_secret_is_stored_encrypted(Engine engine)
    {
        var app = TwoFactorClient.Shared(engine);
        var enrolled = await app.EnrolAsync();
        using var scope = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.CreateScope(app.Services);
        var db = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Enclave.Server.Data.EnclaveDb>(scope.ServiceProvider);
        var row = db.TwoFactorCredentials.Single(c => c.UserId == enrolled.Api.UserId);
        Assert.DoesNotContain(enrolled.Secret, row.ProtectedSecret, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Convert.ToBase64String(Enclave.Server.Accounts.TwoFactor.Base32.Decode(enrolled.Secret)), row.ProtectedSecret);
        var hashes = db.RecoveryCodes.Where(r => r.UserId == enrolled.Api.UserId).Select(r => r.CodeHash).ToList();
        Assert.Equal(10, hashes.Count);
        Assert.DoesNotContain(hashes, h => enrolled.RecoveryCodes.Any(c => h.Contains(c.Replace("-", ""), StringComparison.Ordinal)));
    }

    [Theory, Engines]
    public async Task Bad_input_is_refused_with_codes(Engine engine)
    {
        var app = TwoFactorClient.Shared(engine);
        var alice = await app.SignUpAsync();
        var problem = await Api.ProblemAsync(alice.PostAsync(Setup, new { }), HttpStatusCode.BadRequest, "validation_failed");
        Assert.NotNull(problem["errors"]!["password"]);
        problem = await Api.ProblemAsync(alice.PostAsync(Setup, new { password = "not my password" }), HttpStatusCode.BadRequest, "validation_failed");
        Assert.NotNull(problem["errors"]!["password"]);
        await Api.ProblemAsync(alice.PostAsync("/api/v1/me/two-factor/confirm", new { code = "123456" }), HttpStatusCode.Conflict, "two_factor_setup_missing");
        foreach (var code in new[] { "12345", "1234567", "12a456", "abcde-fghjk" })
        {
            problem = await Api.ProblemAsync(alice.PostAsync("/api/v1/me/two-factor/confirm", new { code }), HttpStatusCode.BadRequest, "validation_failed");
            Assert.NotNull(problem["errors"]!["code"]);
        }
        await Api.ProblemAsync(alice.PostAsync("/api/v1/me/two-factor/disable", new { password = World.Password, code = "123456" }), HttpStatusCode.Conflict, "two_factor_not_enabled");
        await Api.ProblemAsync(app.Anonymous().PostAsync(Setup, new { password = World.Password }), HttpStatusCode.Unauthorized, "unauthenticated");
        await Api.ProblemAsync(alice.SendRawAsync(HttpMethod.Post, Setup, "{\"password\": 12"), HttpStatusCode.BadRequest, "malformed_json");
    }

    [Theory, Engines]
    public async Task Recovery_codes_can_be_regenerated_and_the_old_ones_stop_working(Engine engine)
    {
        var app = TwoFactorClient.Shared(engine);
        var enrolled = await app.EnrolAsync();
        var fresh = await enrolled.Api.PostOkAsync("/api/v1/me/two-factor/recovery-codes", new { code = app.NextCode(enrolled.Secret) });
        var codes = fresh["recoveryCodes"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();
        Assert.Equal(10, codes.Count);
        Assert.Empty(codes.Intersect(enrolled.RecoveryCodes));

        var challenge = await app.ChallengeAsync(enrolled.Api.User!.UserName);
        await Api.ProblemAsync(app.SecondStepAsync(challenge, enrolled.RecoveryCodes[0]), HttpStatusCode.Unauthorized, "invalid_two_factor_code");
        await app.Anonymous().OkAsync(app.SecondStepAsync(challenge, codes[0]));
        Assert.Contains((AuditActions.RecoveryCodesRegenerated, null), await app.AuditAsync(enrolled.Api.UserId));
    }

    [Theory, Engines]
    public async Task Disabling_needs_the_password_and_a_code(Engine engine)
    {
        var app = TwoFactorClient.Shared(engine);
        var enrolled = await app.EnrolAsync();
        const string Disable = "/api/v1/me/two-factor/disable";
        await Api.ProblemAsync(enrolled.Api.PostAsync(Disable, new { code = app.NextCode(enrolled.Secret) }), HttpStatusCode.BadRequest, "validation_failed");
        await Api.ProblemAsync(enrolled.Api.PostAsync(Disable, new { password = "wrong password!", code = app.CurrentCode(enrolled.Secret) }), HttpStatusCode.BadRequest, "validation_failed");
        await Api.ProblemAsync(enrolled.Api.PostAsync(Disable, new { password = World.Password }), HttpStatusCode.BadRequest, "validation_failed");
        await enrolled.Api.OkAsync(enrolled.Api.PostAsync(Disable, new { password = World.Password, code = app.CurrentCode(enrolled.Secret) }));

        Assert.False((await enrolled.Api.GetOkAsync("/api/v1/me/two-factor"))["enabled"]!.GetValue<bool>());
        // The password alone signs in again.
        await app.LoginAsync(enrolled.Api.User!.UserName);
        Assert.Contains((AuditActions.TwoFactorDisabled, null), await app.AuditAsync(enrolled.Api.UserId));
    }
}
