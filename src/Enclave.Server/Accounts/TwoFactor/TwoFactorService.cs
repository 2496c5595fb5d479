using System.Security.Cryptography;
using Enclave.Server.Audit;
using Enclave.Server.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Enclave.Server.Accounts.TwoFactor;

public sealed record TwoFactorSetup(string Secret, string OtpauthUri);

/// <summary>
/// Enrolment and checking of authenticator codes and recovery codes. Every refused code is
/// counted towards the account's lockout and audited; an accepted code moves the credential's
/// last used step forward in one conditional UPDATE, so the same code cannot be used twice, even
/// by two requests at once.
/// </summary>
public sealed class TwoFactorService(EnclaveDb db, IDataProtectionProvider protection, TimeProvider clock, AuditLog audit, IOptions<LockoutOptions> lockout)
{
    public const string Issuer = "Enclave";
    private IDataProtector SecretProtector => protection.CreateProtector("Enclave.TwoFactor.Secret.v1");

    public Task<TwoFactorCredential?> FindAsync(Guid userId, CancellationToken cancellationToken) =>
        db.TwoFactorCredentials.FirstOrDefaultAsync(c => c.UserId == userId, cancellationToken);

    public Task<bool> IsEnabledAsync(Guid userId, CancellationToken cancellationToken) =>
        db.TwoFactorCredentials.AnyAsync(c => c.UserId == userId && c.EnabledAt != null, cancellationToken);

    /// <summary>A new secret, pending until a first code confirms it (a previous pending one is replaced).</summary>
    public async Task<TwoFactorSetup> BeginSetupAsync(User user, CancellationToken cancellationToken)
    {
        var credential = await FindAsync(user.Id, cancellationToken);
        if (credential?.EnabledAt is not null) throw TwoFactorProblems.AlreadyEnabled();
        var secret = RandomNumberGenerator.GetBytes(20);
        var protectedSecret = SecretProtector.Protect(Convert.ToBase64String(secret));
        if (credential is null)
        {
            db.TwoFactorCredentials.Add(new TwoFactorCredential { UserId = user.Id, ProtectedSecret = protectedSecret, CreatedAt = Now() });
        }
        else
        {
            credential.ProtectedSecret = protectedSecret;
            credential.CreatedAt = Now();
            credential.LastUsedStep = 0;
            credential.FailedAttempts = 0;
        }
        await db.SaveChangesAsync(cancellationToken);
        return new TwoFactorSetup(Base32.Encode(secret), OtpauthUri(user, secret));
    }

    /// <summary>The pending setup (secret and provisioning URI, for the QR code and the manual key), or null when there is none.</summary>
    public async Task<TwoFactorSetup?> PendingSetupAsync(User user, CancellationToken cancellationToken)
    {
        var credential = await FindAsync(user.Id, cancellationToken);
        if (credential is not { EnabledAt: null }) return null;
        var secret = Secret(credential);
        return new TwoFactorSetup(Base32.Encode(secret), OtpauthUri(user, secret));
    }

    /// <summary>Turns two-factor sign-in on with a first correct code; returns the recovery codes, shown once.</summary>
    public async Task<IReadOnlyList<string>> ConfirmAsync(User user, string code, CancellationToken cancellationToken)
    {
        var credential = await FindAsync(user.Id, cancellationToken);
        if (credential is null) throw TwoFactorProblems.NoSetup();
        if (credential.EnabledAt is not null) throw TwoFactorProblems.AlreadyEnabled();
        await CheckTotpAsync(user, credential, code, cancellationToken);
        return await db.InTransactionAsync(async () =>
        {
            credential.EnabledAt = Now();
            var codes = await ReplaceRecoveryCodesAsync(user.Id, cancellationToken);
            audit.Record(AuditActions.TwoFactorEnabled, user.Id, new AuditTarget(SubjectUserId: user.Id, TargetType: "user", TargetId: user.Id));
            return codes;
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<string>> RegenerateRecoveryCodesAsync(User user, string code, CancellationToken cancellationToken)
    {
        var credential = await EnabledAsync(user.Id, cancellationToken);
        await CheckTotpAsync(user, credential, code, cancellationToken);
        return await db.InTransactionAsync(async () =>
        {
            var codes = await ReplaceRecoveryCodesAsync(user.Id, cancellationToken);
            audit.Record(AuditActions.RecoveryCodesRegenerated, user.Id, new AuditTarget(SubjectUserId: user.Id, TargetType: "user", TargetId: user.Id));
            return codes;
        }, cancellationToken);
    }

    /// <summary>Switches two-factor sign-in off: the secret and the recovery codes are deleted.</summary>
    public async Task DisableAsync(User user, string code, CancellationToken cancellationToken)
    {
        var credential = await EnabledAsync(user.Id, cancellationToken);
        await CheckCodeAsync(user, credential, code, cancellationToken);
        await db.InTransactionAsync(async () =>
        {
            await db.RecoveryCodes.Where(r => r.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
            db.TwoFactorCredentials.Remove(credential);
            audit.Record(AuditActions.TwoFactorDisabled, user.Id, new AuditTarget(SubjectUserId: user.Id, TargetType: "user", TargetId: user.Id));
        }, cancellationToken);
    }

    /// <summary>The second step of signing in: an app code or a recovery code, or a refusal (counted and audited).</summary>
    public async Task VerifySignInAsync(User user, string code, CancellationToken cancellationToken)
    {
        var credential = await EnabledAsync(user.Id, cancellationToken);
        await CheckCodeAsync(user, credential, code, cancellationToken);
    }

    private async Task<TwoFactorCredential> EnabledAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.TwoFactorCredentials.FirstOrDefaultAsync(c => c.UserId == userId && c.EnabledAt != null, cancellationToken)
            ?? throw TwoFactorProblems.NotEnabled();

    private Task CheckCodeAsync(User user, TwoFactorCredential credential, string code, CancellationToken cancellationToken) =>
        Totp.IsWellFormed(code.Trim()) ? CheckTotpAsync(user, credential, code, cancellationToken) : CheckRecoveryCodeAsync(user, credential, code, cancellationToken);

    private async Task CheckTotpAsync(User user, TwoFactorCredential credential, string code, CancellationToken cancellationToken)
    {
        var match = Totp.MatchingStep(Secret(credential), code.Trim(), clock.GetUtcNow());
        if (match is not { } step)
        {
            await RefuseAsync(user, credential, "wrong_code", cancellationToken);
            return;
        }
        // The database decides: only a step later than the last accepted one moves it forward.
        var userId = user.Id;
        var accepted = await db.TwoFactorCredentials
            .Where(c => c.UserId == userId && c.LastUsedStep < step)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastUsedStep, step).SetProperty(c => c.FailedAttempts, 0), cancellationToken);
        if (accepted == 0) await RefuseAsync(user, credential, "replayed_code", cancellationToken);
        // Keep the tracked copy in step with the row, so a later save does not write old values back.
        var entry = db.Entry(credential);
        entry.Property(c => c.LastUsedStep).CurrentValue = step;
        entry.Property(c => c.LastUsedStep).OriginalValue = step;
        entry.Property(c => c.FailedAttempts).CurrentValue = 0;
        entry.Property(c => c.FailedAttempts).OriginalValue = 0;
    }

    private async Task CheckRecoveryCodeAsync(User user, TwoFactorCredential credential, string code, CancellationToken cancellationToken)
    {
        var normalized = RecoveryCodes.Normalize(code);
        var hash = normalized is null ? null : RecoveryCodes.Hash(normalized);
        var row = hash is null ? null : await db.RecoveryCodes.AsNoTracking().FirstOrDefaultAsync(r => r.UserId == user.Id && r.CodeHash == hash, cancellationToken);
        if (row is null)
        {
            await RefuseAsync(user, credential, "wrong_recovery_code", cancellationToken);
            return;
        }
        var now = Now();
        var used = row.UsedAt is null && await db.RecoveryCodes.Where(r => r.Id == row.Id && r.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.UsedAt, now), cancellationToken) == 1;
        if (!used) await RefuseAsync(user, credential, "reused_recovery_code", cancellationToken);
        audit.Record(AuditActions.RecoveryCodeUsed, user.Id, new AuditTarget(SubjectUserId: user.Id, TargetType: "user", TargetId: user.Id));
    }

    /// <summary>Counts the failure (locking the account after too many), audits it, and refuses.</summary>
    private async Task RefuseAsync(User user, TwoFactorCredential credential, string reason, CancellationToken cancellationToken)
    {
        credential.FailedAttempts++;
        if (credential.FailedAttempts >= lockout.Value.MaxFailedAttempts)
        {
            user.LockedUntil = Now() + lockout.Value.LockoutDuration;
            credential.FailedAttempts = 0;
        }
        audit.Record(AuditActions.TwoFactorFailed, user.Id, new AuditTarget(SubjectUserId: user.Id, TargetType: "user", TargetId: user.Id, Detail: reason));
        await db.SaveChangesAsync(cancellationToken);
        throw TwoFactorProblems.InvalidCode();
    }

    private async Task<IReadOnlyList<string>> ReplaceRecoveryCodesAsync(Guid userId, CancellationToken cancellationToken)
    {
        await db.RecoveryCodes.Where(r => r.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        var codes = new List<string>(RecoveryCodes.Count);
        while (codes.Count < RecoveryCodes.Count)
            if (RecoveryCodes.New() is var candidate && !codes.Contains(candidate)) codes.Add(candidate);
        foreach (var code in codes)
            db.RecoveryCodes.Add(new RecoveryCode { Id = Ids.New(), UserId = userId, CodeHash = RecoveryCodes.Hash(RecoveryCodes.Normalize(code)!), CreatedAt = Now() });
        return codes;
    }

    private byte[] Secret(TwoFactorCredential credential) => Convert.FromBase64String(SecretProtector.Unprotect(credential.ProtectedSecret));

    private static string OtpauthUri(User user, byte[] secret) =>
        $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(user.UserName)}?secret={Base32.Encode(secret)}" +
        $"&issuer={Uri.EscapeDataString(Issuer)}&algorithm=SHA1&digits={Totp.Digits}&period={Totp.StepSeconds}";

    private DateTime Now() => clock.GetUtcNow().UtcDateTime;
}
