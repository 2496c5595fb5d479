using Enclave.Server.Audit;
using Enclave.Server.Web;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Enclave.Server.Data;

namespace Enclave.Server.Accounts;

public sealed class LockoutOptions
{
    public int MaxFailedAttempts { get; set; } = 5;
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>
/// Checks credentials with lockout after repeated failures. Logins that match no account are
/// "locked" the same way (counted in memory, per node), so that neither the answer nor the
/// lockout tells whether an account exists.
/// </summary>
public sealed class LoginService(EnclaveDb db, AccountService accounts, IOptions<LockoutOptions> lockout, TimeProvider clock, IMemoryCache unknownLogins, AuditLog audit)
{
    private sealed class UnknownLogin
    {
        public int Failures;
        public DateTime? LockedUntil;
    }

    /// <param name="allowClosed">Restoring a closed account (Privacy/Closing) checks the same credentials.</param>
    public async Task<User> VerifyAsync(string login, string password, CancellationToken cancellationToken, bool allowClosed = false)
    {
        var normalized = AccountRules.Normalize(login);
        var user = await db.Users.FirstOrDefaultAsync(u => u.NormalizedUserName == normalized || u.NormalizedEmail == normalized, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (user is null)
        {
            var entry = unknownLogins.GetOrCreate("unknown-login:" + normalized, e =>
            {
                e.SlidingExpiration = lockout.Value.LockoutDuration * 2;
                e.Size = 1;
                return new UnknownLogin();
            })!;
            ProblemException? locked = null;
            lock (entry)
            {
                if (entry.LockedUntil > now) locked = Locked(entry.LockedUntil.Value, now);
                else accounts.VerifyAgainstNobody(password);
                if (locked is null && ++entry.Failures >= lockout.Value.MaxFailedAttempts)
                {
                    entry.LockedUntil = now + lockout.Value.LockoutDuration;
                    entry.Failures = 0;
                }
            }
            // No login string is kept for an unknown account: it may be someone's mistyped password.
            await audit.WriteAsync(AuditActions.SignInFailed, null, new AuditTarget(Detail: locked is null ? "unknown_account" : "locked"), cancellationToken);
            throw locked ?? InvalidCredentials();
        }
        if (user.LockedUntil > now)
        {
            await audit.WriteAsync(AuditActions.SignInFailed, null, new AuditTarget(SubjectUserId: user.Id, TargetType: "user", TargetId: user.Id, Detail: "locked"), cancellationToken);
            throw Locked(user.LockedUntil.Value, now);
        }
        if (!accounts.VerifyPassword(user, password))
        {
            user.FailedLogins++;
            if (user.FailedLogins >= lockout.Value.MaxFailedAttempts)
            {
                user.LockedUntil = now + lockout.Value.LockoutDuration;
                user.FailedLogins = 0;
            }
            audit.Record(AuditActions.SignInFailed, null, new AuditTarget(SubjectUserId: user.Id, TargetType: "user", TargetId: user.Id, Detail: "wrong_password"));
            await db.SaveChangesAsync(cancellationToken);
            throw InvalidCredentials();
        }
        user.FailedLogins = 0;
        user.LockedUntil = null;
        audit.Record(AuditActions.SignIn, user.Id, new AuditTarget(SubjectUserId: user.Id, TargetType: "user", TargetId: user.Id));
        await db.SaveChangesAsync(cancellationToken);
        // Only the right password learns that the account is closed, and until when it can be restored.
        if (user.ClosedAt is not null && !allowClosed) throw Privacy.Closing.ClosedProblem.For(user);
        return user;
    }

    private static ProblemException Locked(DateTime until, DateTime now)
    {
        var seconds = (int)Math.Ceiling((until - now).TotalSeconds);
        return new ProblemException(429, "account_locked", "Too many failed sign-ins. Try again later.",
            new Dictionary<string, string[]> { ["retryAfter"] = [seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)] });
    }

    private static ProblemException InvalidCredentials() =>
        new(401, "invalid_credentials", "The user name, email or password is incorrect.");
}
