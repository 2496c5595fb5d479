using System.Net;
using Enclave.Server.Audit;
using Enclave.Tests.Support;

namespace Enclave.Tests.Accounts.TwoFactor;

[Collection(TwoFactorClient.Collection)]
public sealed class TwoFactorSignInTests
{
    [Theory, Engines]
    public async Task The_password_alone_opens_no_session_and_the_code_completes_the_sign_in(Engine engine)
    {
        var app = TwoFactorClient.Shared(engine);
        var enrolled = await app.EnrolAsync();
        var problem = await Api.ProblemAsync(app.Anonymous().PostAsync(TwoFactorClient.Login, new { login = enrolled.Api.User!.Email, password = World.Password, mode = "token" }),
            HttpStatusCode.Unauthorized, "two_factor_required");
        Assert.Null(problem["token"]);
        Assert.True(problem["challengeExpiresAt"]!.GetValue<DateTime>() > app.Clock.GetUtcNow().UtcDateTime);

        var session = await app.Anonymous().OkAsync(app.SecondStepAsync(problem["challenge"]!.GetValue<string>(), app.NextCode(enrolled.Secret)));
        Assert.Equal(enrolled.Api.UserId, session["user"]!["id"]!.GetValue<Guid>());
        var signedIn = app.Bearer(session["token"]!.GetValue<string>());
        Assert.Equal(enrolled.Api.UserId, (await signedIn.GetOkAsync("/api/v1/me"))["id"]!.GetValue<Guid>());
        Assert.Contains((AuditActions.SignIn, "two_factor"), await app.AuditAsync(enrolled.Api.UserId));
        // The wrong password still answers as before, without a challenge.
        await Api.ProblemAsync(app.Anonymous().PostAsync(TwoFactorClient.Login, new { login = enrolled.Api.User.Email, password = "wrong password" }), HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Theory, Engines]
    public async Task A_wrong_code_and_a_code_replayed_in_its_step_are_refused_and_audited(Engine engine)
    {
        var app = TwoFactorClient.Shared(engine);
        var enrolled = await app.EnrolAsync();
        var login = enrolled.Api.User!.UserName;
        var code = app.NextCode(enrolled.Secret);
        var wrong = code == "123456" ? "654321" : "123456";
        var challenge = await app.ChallengeAsync(login);
        await Api.ProblemAsync(app.SecondStepAsync(challenge, wrong), HttpStatusCode.Unauthorized, "invalid_two_factor_code");
        await app.Anonymous().OkAsync(app.SecondStepAsync(challenge, code));

        // Same code, same 30-second step, new challenge: refused.
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        await Api.ProblemAsync(app.SecondStepAsync(await app.ChallengeAsync(login), code), HttpStatusCode.Unauthorized, "invalid_two_factor_code");
        var audit = await app.AuditAsync(enrolled.Api.UserId);
        Assert.Contains((AuditActions.TwoFactorFailed, "wrong_code"), audit);
        Assert.Contains((AuditActions.TwoFactorFailed, "replayed_code"), audit);
        // The next step's code works.
        await app.SignInWithCodeAsync(login, app.NextCode(enrolled.Secret));
    }

    [Theory, Engines]
    public async Task Two_requests_racing_with_the_same_code_open_one_session(Engine engine)
    {
        var app = TwoFactorClient.Shared(engine);
        var enrolled = await app.EnrolAsync();
        var login = enrolled.Api.User!.UserName;
        var code = app.NextCode(enrolled.Secret);
        var challenges = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => app.ChallengeAsync(login)));
        var responses = await Task.WhenAll(challenges.Select(c => app.SecondStepAsync(c, code)));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.Unauthorized));
    }

    [Theory, Engines]
    public async Task A_recovery_code_signs_in_once(Engine engine)
    {
        var app = TwoFactorClient.Shared(engine);
        var enrolled = await app.EnrolAsync();
        var login = enrolled.Api.User!.UserName;
        var code = enrolled.RecoveryCodes[3];
        // Typed with capitals and without the dash: still the same code.
        await app.SignInWithCodeAsync(login, code.ToUpperInvariant().Replace("-", " "));
        await Api.ProblemAsync(app.SecondStepAsync(await app.ChallengeAsync(login), code), HttpStatusCode.Unauthorized, "invalid_two_factor_code");
        Assert.Equal(9, (await enrolled.Api.GetOkAsync("/api/v1/me/two-factor"))["recoveryCodesLeft"]!.GetValue<int>());
        var audit = await app.AuditAsync(enrolled.Api.UserId);
        Assert.Contains((AuditActions.RecoveryCodeUsed, null), audit);
        Assert.Contains((AuditActions.TwoFactorFailed, "reused_recovery_code"), audit);
    }

    [Theory, Engines]
    public async Task Wrong_codes_lock_the_account_even_when_the_password_is_known(Engine engine)
    {
        var app = TwoFactorClient.Shared(engine);
        var enrolled = await app.EnrolAsync();
        var login = enrolled.Api.User!.UserName;
        var code = app.NextCode(enrolled.Secret);
        var wrong = code == "000000" ? "999999" : "000000";
        for (var i = 0; i < 5; i++)
        {
            // A fresh password step between attempts does not reset the count of wrong codes.
            var challenge = await app.ChallengeAsync(login);
            await Api.ProblemAsync(app.SecondStepAsync(challenge, wrong), HttpStatusCode.Unauthorized, "invalid_two_factor_code");
        }
        await Api.ProblemAsync(app.Anonymous().PostAsync(TwoFactorClient.Login, new { login, password = World.Password }), HttpStatusCode.TooManyRequests, "account_locked");
        app.Clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        var again = await app.ChallengeAsync(login);
        await app.Anonymous().OkAsync(app.SecondStepAsync(again, app.CurrentCode(enrolled.Secret)));
    }

    [Theory, Engines]
    public async Task The_second_step_is_rate_limited_per_address(Engine engine)
    {
        // Four a minute: the setup and the confirmation take two, two attempts the rest.
        using var app = TwoFactorClient.NewApp(engine, perMinute: 4);
        var enrolled = await app.EnrolAsync();
        var challenge = await app.ChallengeAsync(enrolled.Api.User!.UserName);
        for (var i = 0; i < 2; i++)
            await Api.ProblemAsync(app.SecondStepAsync(challenge, "abc"), HttpStatusCode.BadRequest, "validation_failed");
        await Api.ProblemAsync(app.SecondStepAsync(challenge, "abc"), HttpStatusCode.TooManyRequests, "rate_limited");
    }

    [Theory, Engines]
    public async Task A_missing_forged_expired_or_stale_challenge_and_malformed_codes_are_400(Engine engine)
    {
        var app = TwoFactorClient.Shared(engine);
        var enrolled = await app.EnrolAsync();
        var login = enrolled.Api.User!.UserName;
        var problem = await Api.ProblemAsync(app.SecondStepAsync(null, "123456"), HttpStatusCode.BadRequest, "validation_failed");
        Assert.NotNull(problem["errors"]!["challenge"]);
        var challenge = await app.ChallengeAsync(login);
        foreach (var code in new[] { null, "", "12345", "1234567", "12 3456x", "abcde-fghj" })
        {
            problem = await Api.ProblemAsync(app.SecondStepAsync(challenge, code), HttpStatusCode.BadRequest, "validation_failed");
            Assert.NotNull(problem["errors"]!["code"]);
        }
        await Api.ProblemAsync(app.SecondStepAsync("forged" + challenge[6..], "123456"), HttpStatusCode.BadRequest, "invalid_challenge");
        await Api.ProblemAsync(app.SecondStepAsync("not a challenge at all", "123456"), HttpStatusCode.BadRequest, "invalid_challenge");

        app.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        await Api.ProblemAsync(app.SecondStepAsync(challenge, app.CurrentCode(enrolled.Secret)), HttpStatusCode.BadRequest, "invalid_challenge");

        // A password change invalidates the challenges issued before it.
        var stale = await app.ChallengeAsync(login);
        await enrolled.Api.OkAsync(enrolled.Api.PutAsync("/api/v1/me/password", new { currentPassword = World.Password, newPassword = "another correct horse battery" }));
        await Api.ProblemAsync(app.SecondStepAsync(stale, app.NextCode(enrolled.Secret)), HttpStatusCode.BadRequest, "invalid_challenge");
    }

    [Theory, Engines]
    public async Task Personal_access_tokens_are_unchanged(Engine engine)
    {
        var app = TwoFactorClient.Shared(engine);
        var enrolled = await app.EnrolAsync();
        var token = await enrolled.Api.PostOkAsync("/api/v1/me/tokens", new { name = "script" });
        var script = app.Bearer(token["secret"]!.GetValue<string>());
        await script.GetOkAsync("/api/v1/me");
    }
}
