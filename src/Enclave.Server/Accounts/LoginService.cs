using Enclave.Server.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Enclave.Server.Data;

namespace Enclave.Server.Accounts;

public sealed class LockoutOptions
{
    public int MaxFailedAttempts { get; set; } = 5;
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>Checks credentials with lockout after repeated failures.</summary>
public sealed class LoginService(EnclaveDb db, AccountService accounts, IOptions<LockoutOptions> lockout, TimeProvider clock)
{
    public async Task<User> VerifyAsync(string login, string password, CancellationToken cancellationToken)
    {
        var normalized = AccountRules.Normalize(login);
        var user = await db.Users.FirstOrDefaultAsync(u => u.NormalizedUserName == normalized || u.NormalizedEmail == normalized, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (user is null)
        {
            accounts.VerifyAgainstNobody(password);
            throw InvalidCredentials();
        }
        if (user.LockedUntil > now)
        {
            var seconds = (int)Math.Ceiling((user.LockedUntil.Value - now).TotalSeconds);
            throw new ProblemException(429, "account_locked", "Too many failed sign-ins. Try again later.",
                new Dictionary<string, string[]> { ["retryAfter"] = [seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)] });
        }
        if (!accounts.VerifyPassword(user, password))
        {
            user.FailedLogins++;
            if (user.FailedLogins >= lockout.Value.MaxFailedAttempts)
            {
                user.LockedUntil = now + lockout.Value.LockoutDuration;
                user.FailedLogins = 0;
            }
            await db.SaveChangesAsync(cancellationToken);
            throw InvalidCredentials();
        }
        user.FailedLogins = 0;
        user.LockedUntil = null;
        await db.SaveChangesAsync(cancellationToken);
        return user;
    }

    private static ProblemException InvalidCredentials() =>
        new(401, "invalid_credentials", "The user name, email or password is incorrect.");
}
