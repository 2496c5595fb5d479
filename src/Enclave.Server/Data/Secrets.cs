using System.Security.Cryptography;
using System.Text;

namespace Enclave.Server.Data;

/// <summary>
/// Random bearer secrets (session tokens, access tokens, invitation links). Only their SHA-256
/// hash is stored: the secrets carry 256 bits of entropy, so a fast hash is enough and lets us
/// look a token up by its hash.
/// </summary>
public static class Secrets
{
    public static string New(string prefix) =>
        prefix + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
