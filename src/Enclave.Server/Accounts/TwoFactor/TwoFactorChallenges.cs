using System.Globalization;
using System.Security.Cryptography;
using Enclave.Server.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Accounts.TwoFactor;

/// <summary>
/// Thrown by the password step when the account has two-factor sign-in: the client must send a
/// code with <see cref="Challenge"/> to <c>POST /api/v1/auth/login/two-factor</c>. Answered as a
/// 401 problem <c>two_factor_required</c> carrying the challenge (see <see cref="TwoFactorRequiredHandler"/>).
/// </summary>
public sealed class TwoFactorRequiredException(string challenge, DateTime expiresAt)
    : Exception("Two-factor sign-in required.")
{
    public string Challenge { get; } = challenge;
    public DateTime ExpiresAt { get; } = expiresAt;
}

/// <summary>
/// The challenge proves that the password step succeeded a moment ago, for this account and this
/// password: it is encrypted and signed with Data Protection, expires after five minutes (on our
/// clock, not the framework's) and stops working when the password changes.
/// </summary>
public sealed class TwoFactorChallenges(EnclaveDb db, IDataProtectionProvider protection, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private IDataProtector Protector => protection.CreateProtector("Enclave.TwoFactor.Challenge.v1");

    /// <summary>Whether the password step must be followed by a code (two-factor sign-in is on for the account).</summary>
    public Task<bool> IsRequiredAsync(User user, CancellationToken cancellationToken) =>
        db.TwoFactorCredentials.AnyAsync(c => c.UserId == user.Id && c.EnabledAt != null, cancellationToken);

    public TwoFactorRequiredException Issue(User user)
    {
        var expires = clock.GetUtcNow().UtcDateTime + Lifetime;
        var payload = string.Join('|', user.Id.ToString("N"), expires.Ticks.ToString(CultureInfo.InvariantCulture), Stamp(user));
        return new TwoFactorRequiredException(Protector.Protect(payload), expires);
    }

    /// <summary>Who the challenge was issued to and the password it was issued for, or null when it is forged, expired or malformed.</summary>
    public (Guid UserId, string Stamp)? Read(string challenge)
    {
        try
        {
            var parts = Protector.Unprotect(challenge).Split('|');
            if (parts.Length != 3 || !Guid.TryParseExact(parts[0], "N", out var userId)) return null;
            var expires = new DateTime(long.Parse(parts[1], CultureInfo.InvariantCulture), DateTimeKind.Utc);
            return expires > clock.GetUtcNow().UtcDateTime ? (userId, parts[2]) : null;
        }
        catch (Exception e) when (e is CryptographicException or FormatException or OverflowException or ArgumentException)
        {
            return null;
        }
    }

    public static bool IsFor(User user, string stamp) => CryptographicOperations.FixedTimeEquals(
        System.Text.Encoding.ASCII.GetBytes(Stamp(user)), System.Text.Encoding.ASCII.GetBytes(stamp));

    /// <summary>A short digest of the password hash: a new password invalidates pending challenges.</summary>
    private static string Stamp(User user) => Secrets.Hash("challenge:" + user.PasswordHash)[..16];
}
