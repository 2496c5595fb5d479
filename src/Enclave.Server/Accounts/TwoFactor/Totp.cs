using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Enclave.Server.Accounts.TwoFactor;

/// <summary>
/// Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP): HMAC-SHA-1, 30-second steps,
/// 6 digits, the parameters every authenticator app understands by default.
/// </summary>
public static class Totp
{
    public const int StepSeconds = 30;
    public const int Digits = 6;

    /// <summary>The time step (counter) a moment falls in: whole 30-second periods since the Unix epoch.</summary>
    public static long StepAt(DateTimeOffset at) => at.ToUnixTimeSeconds() / StepSeconds;

    /// <summary>The code of one time step, zero-padded to <paramref name="digits"/>.</summary>
    public static string Code(byte[] secret, long step, int digits = Digits, HashAlgorithmName? algorithm = null)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        var hash = (algorithm ?? HashAlgorithmName.SHA1).Name switch
        {
            "SHA256" => HMACSHA256.HashData(secret, counter),
            "SHA512" => HMACSHA512.HashData(secret, counter),
            _ => HMACSHA1.HashData(secret, counter),
        };
        // Dynamic truncation (RFC 4226 section 5.3).
        var offset = hash[^1] & 0x0f;
        var binary = (BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset, 4)) & 0x7fffffff);
        var modulo = (int)Math.Pow(10, digits);
        return (binary % modulo).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(digits, '0');
    }

    /// <summary>
    /// The step whose code matches, trying the current step and one on either side (a phone's clock
    /// may be a few seconds off), or null. Compared in constant time.
    /// </summary>
    public static long? MatchingStep(byte[] secret, string code, DateTimeOffset now)
    {
        var current = StepAt(now);
        var given = System.Text.Encoding.ASCII.GetBytes(code);
        long? match = null;
        for (var step = current - 1; step <= current + 1; step++)
        {
            var expected = System.Text.Encoding.ASCII.GetBytes(Code(secret, step));
            if (CryptographicOperations.FixedTimeEquals(expected, given)) match ??= step;
        }
        return match;
    }

    public static bool IsWellFormed(string? code) => code is { Length: Digits } && code.All(char.IsAsciiDigit);
}
