using System.Security.Cryptography;
using Enclave.Server.Accounts;

namespace Enclave.Server.Privacy.Closing;

/// <summary>
/// What remains of an anonymized account: a row that authored the words left behind, with no
/// identity in it. The user name is <c>former-</c> and random hex (user names stay unique), the
/// email an unroutable unique address under the reserved <c>.invalid</c> domain (RFC 2606), and
/// no password (no hash matches an empty one, so it can never sign in).
/// </summary>
public static class Tombstone
{
    public const string UserNamePrefix = "former-";

    public static void Scrub(User user)
    {
        var random = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        user.UserName = UserNamePrefix + random;
        user.NormalizedUserName = user.UserName;
        user.FirstName = "";
        user.LastName = "";
        user.Email = $"{user.UserName}@closed.invalid";
        user.NormalizedEmail = user.Email;
        user.PasswordHash = "";
        user.Bio = "";
        user.Status = "";
        user.AvatarKey = null;
        user.AvatarContentType = null;
        user.IsPlatformAdmin = false;
        user.FailedLogins = 0;
        user.LockedUntil = null;
        user.PurgeAfter = null;
        // A verification vouched for a living person; the tombstone is nobody.
        user.IdentityVerifiedAt = null;
        user.IdentityVerifiedById = null;
        user.IdentityVerifiedByOrganizationId = null;
    }

    /// <summary>The strings that identify the person (user name, names, email and its local part), at least 3 characters long.</summary>
    public static IReadOnlyList<string> IdentityParts(User user) =>
        new[] { user.UserName, user.FirstName, user.LastName, user.Email, user.Email.Split('@')[0] }
            .Where(p => p.Length >= 3).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
}
