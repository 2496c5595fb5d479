using System.Security.Cryptography;
using Enclave.Server.Data;

namespace Enclave.Server.Accounts.TwoFactor;

/// <summary>
/// Recovery codes: ten random codes of ten characters (about 50 bits each) from an alphabet without
/// look-alikes, shown once as <c>abcde-fghjk</c>. Only their SHA-256 hash is stored; the sign-in
/// lockout and rate limit bound guessing, so a fast hash is enough.
/// </summary>
public static class RecoveryCodes
{
    public const int Count = 10;
    private const int Length = 10;
    private const string Alphabet = "abcdefghjkmnpqrstuvwxyz23456789";

    public static string New()
    {
        var chars = new char[Length];
        for (var i = 0; i < Length; i++) chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return new string(chars, 0, Length / 2) + "-" + new string(chars, Length / 2, Length / 2);
    }

    /// <summary>What people type, without spaces, dashes or capitals; null when it cannot be a recovery code.</summary>
    public static string? Normalize(string? code)
    {
        if (code is null) return null;
        var clean = new string([.. code.Where(c => c is not ('-' or ' '))]).ToLowerInvariant();
        return clean.Length == Length && clean.All(c => Alphabet.Contains(c, StringComparison.Ordinal)) ? clean : null;
    }

    public static string Hash(string normalized) => Secrets.Hash("recovery:" + normalized);
}
