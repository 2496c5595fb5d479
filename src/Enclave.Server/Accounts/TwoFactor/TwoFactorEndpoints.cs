using Enclave.Server.Access;
using Enclave.Server.Audit;
using Enclave.Server.Data;
using Enclave.Server.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using QRCoder;

namespace Enclave.Server.Accounts.TwoFactor;

public sealed record TwoFactorSignInRequest(string? Challenge, string? Code, SessionMode? Mode);
public sealed record TwoFactorPasswordRequest(string? Password);
public sealed record TwoFactorCodeRequest(string? Code);
public sealed record TwoFactorDisableRequest(string? Password, string? Code);

public sealed record OrganizationRef(Guid Id, string Name);
public sealed record TwoFactorStatus(bool Enabled, DateTime? EnabledAt, bool SetupPending, int RecoveryCodesLeft, IReadOnlyList<OrganizationRef> RequiredBy);
public sealed record TwoFactorSetupResponse(string Secret, string OtpauthUri, string QrCodeUrl);
public sealed record RecoveryCodesResponse(IReadOnlyList<string> RecoveryCodes);

public static class TwoFactorEndpoints
{
    public const string QrCodePath = "/api/v1/me/two-factor/qr.png";

    public static RouteGroupBuilder MapTwoFactor(this RouteGroupBuilder api)
    {
        api.MapPost("/auth/login/two-factor", SignIn).WithTags("Authentication").RequireRateLimiting(TwoFactorRateLimit.Policy);
        var group = api.MapGroup("/me/two-factor").WithTags("Two-factor sign-in");
        group.MapGet("/", Status);
        group.MapPost("/setup", Setup).RequireRateLimiting(TwoFactorRateLimit.Policy);
        group.MapGet("/qr.png", QrCode);
        group.MapPost("/confirm", Confirm).RequireRateLimiting(TwoFactorRateLimit.Policy);
        group.MapPost("/recovery-codes", RegenerateRecoveryCodes).RequireRateLimiting(TwoFactorRateLimit.Policy);
        group.MapPost("/disable", Disable).RequireRateLimiting(TwoFactorRateLimit.Policy);
        return group;
    }

    /// <summary>The second step of <c>POST /auth/login</c>: the challenge it answered plus a code from the app or a recovery code.</summary>
    internal static async Task<Ok<SessionResponse>> SignIn(
        TwoFactorSignInRequest request, TwoFactorChallenges challenges, TwoFactorService twoFactor, EnclaveDb db, AuditLog audit,
        Sessions sessions, IAntiforgery antiforgery, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        new Validation().Text("challenge", request.Challenge, 1, 4000).Code("code", request.Code, allowRecovery: true).ThrowIfAny();
        var read = challenges.Read(request.Challenge!.Trim()) ?? throw TwoFactorProblems.InvalidChallenge();
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == read.UserId, cancellationToken);
        if (user is null || !TwoFactorChallenges.IsFor(user, read.Stamp) || !await twoFactor.IsEnabledAsync(user.Id, cancellationToken))
            throw TwoFactorProblems.InvalidChallenge();
        var now = clock.GetUtcNow().UtcDateTime;
        if (user.LockedUntil > now)
        {
            var seconds = (int)Math.Ceiling((user.LockedUntil.Value - now).TotalSeconds);
            throw new ProblemException(429, "account_locked", "Too many failed sign-ins. Try again later.",
                new Dictionary<string, string[]> { ["retryAfter"] = [seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)] });
        }
        await twoFactor.VerifySignInAsync(user, request.Code!, cancellationToken);
        audit.Record(AuditActions.SignIn, user.Id, new AuditTarget(SubjectUserId: user.Id, TargetType: "user", TargetId: user.Id, Detail: "two_factor"));
        return TypedResults.Ok(await AuthEndpoints.StartAsync(user, request.Mode ?? SessionMode.Cookie, sessions, antiforgery, http, cancellationToken));
    }

    internal static async Task<Ok<TwoFactorStatus>> Status(Viewer viewer, EnclaveDb db, CancellationToken cancellationToken)
    {
        var userId = viewer.Id;
        var credential = await db.TwoFactorCredentials.AsNoTracking().FirstOrDefaultAsync(c => c.UserId == userId, cancellationToken);
        var left = credential?.EnabledAt is null ? 0 : await db.RecoveryCodes.CountAsync(r => r.UserId == userId && r.UsedAt == null, cancellationToken);
        var requiredBy = await db.Organizations.AsNoTracking()
            .Where(o => o.RequireTwoFactor && db.OrganizationMembers.Any(m => m.OrganizationId == o.Id && m.UserId == userId))
            .OrderBy(o => o.Name).Select(o => new OrganizationRef(o.Id, o.Name)).ToListAsync(cancellationToken);
        return TypedResults.Ok(new TwoFactorStatus(credential?.EnabledAt is not null, credential?.EnabledAt, credential is { EnabledAt: null }, left, requiredBy));
    }

    /// <summary>Starts (or restarts) enrolment. The password is asked so that a stolen session cannot lock the owner out with its own authenticator.</summary>
    internal static async Task<Ok<TwoFactorSetupResponse>> Setup(TwoFactorPasswordRequest request, Viewer viewer, EnclaveDb db, AccountService accounts, TwoFactorService twoFactor, CancellationToken cancellationToken)
    {
        new Validation().Text("password", request.Password, 1, AccountRules.PasswordMaxLength).ThrowIfAny();
        var user = await MeEndpoints.CurrentAsync(viewer, db, cancellationToken);
        if (!accounts.VerifyPassword(user, request.Password!)) throw TwoFactorProblems.WrongPassword();
        var setup = await twoFactor.BeginSetupAsync(user, cancellationToken);
        return TypedResults.Ok(new TwoFactorSetupResponse(setup.Secret, setup.OtpauthUri, QrCodePath));
    }

    /// <summary>The pending setup's provisioning URI as a QR code, drawn here: the secret never goes to another service.</summary>
    internal static async Task<FileContentHttpResult> QrCode(Viewer viewer, EnclaveDb db, TwoFactorService twoFactor, HttpContext http, CancellationToken cancellationToken)
    {
        var user = await MeEndpoints.CurrentAsync(viewer, db, cancellationToken);
        var uri = (await twoFactor.PendingSetupAsync(user, cancellationToken))?.OtpauthUri ?? throw ProblemException.NotFound("two-factor setup");
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(6);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(png, "image/png");
    }

    internal static async Task<Ok<RecoveryCodesResponse>> Confirm(TwoFactorCodeRequest request, Viewer viewer, EnclaveDb db, TwoFactorService twoFactor, CancellationToken cancellationToken)
    {
        new Validation().Code("code", request.Code, allowRecovery: false).ThrowIfAny();
        var user = await MeEndpoints.CurrentAsync(viewer, db, cancellationToken);
        return TypedResults.Ok(new RecoveryCodesResponse(await twoFactor.ConfirmAsync(user, request.Code!, cancellationToken)));
    }

    internal static async Task<Ok<RecoveryCodesResponse>> RegenerateRecoveryCodes(TwoFactorCodeRequest request, Viewer viewer, EnclaveDb db, TwoFactorService twoFactor, CancellationToken cancellationToken)
    {
        new Validation().Code("code", request.Code, allowRecovery: false).ThrowIfAny();
        var user = await MeEndpoints.CurrentAsync(viewer, db, cancellationToken);
        return TypedResults.Ok(new RecoveryCodesResponse(await twoFactor.RegenerateRecoveryCodesAsync(user, request.Code!, cancellationToken)));
    }

    internal static async Task<NoContent> Disable(TwoFactorDisableRequest request, Viewer viewer, EnclaveDb db, AccountService accounts, TwoFactorService twoFactor, CancellationToken cancellationToken)
    {
        new Validation().Text("password", request.Password, 1, AccountRules.PasswordMaxLength).Code("code", request.Code, allowRecovery: true).ThrowIfAny();
        var user = await MeEndpoints.CurrentAsync(viewer, db, cancellationToken);
        if (!accounts.VerifyPassword(user, request.Password!)) throw TwoFactorProblems.WrongPassword();
        await twoFactor.DisableAsync(user, request.Code!, cancellationToken);
        return TypedResults.NoContent();
    }
}
