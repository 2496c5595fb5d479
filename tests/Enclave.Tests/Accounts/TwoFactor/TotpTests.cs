using System.Security.Cryptography;
using System.Text;
using Enclave.Server.Accounts.TwoFactor;

namespace Enclave.Tests.Accounts.TwoFactor;

/// <summary>The RFC 6238 appendix B test vectors (8 digits, the three HMAC variants) and RFC 4648 base32.</summary>
public sealed class TotpTests
{
    private static readonly byte[] Sha1Seed = Encoding.ASCII.GetBytes("12345678901234567890");
    private static readonly byte[] Sha256Seed = Encoding.ASCII.GetBytes("12345678901234567890123456789012");
    private static readonly byte[] Sha512Seed = Encoding.ASCII.GetBytes("1234567890123456789012345678901234567890123456789012345678901234");

    [Theory]
    [InlineData(59L, "94287082", "46119246", "90693936")]
    [InlineData(1111111109L, "07081804", "68084774", "25091201")]
    [InlineData(1111111111L, "14050471", "67062674", "99943326")]
    [InlineData(1234567890L, "89005924", "91819424", "93441116")]
    [InlineData(2000000000L, "69279037", "90698825", "38618901")]
    [InlineData(20000000000L, "65353130", "77737706", "47863826")]
    public void Matches_the_rfc_6238_vectors(long unixSeconds, string sha1, string sha256, string sha512)
    {
        var step = Totp.StepAt(DateTimeOffset.FromUnixTimeSeconds(unixSeconds));
        Assert.Equal(sha1, Totp.Code(Sha1Seed, step, 8));
        Assert.Equal(sha256, Totp.Code(Sha256Seed, step, 8, HashAlgorithmName.SHA256));
        Assert.Equal(sha512, Totp.Code(Sha512Seed, step, 8, HashAlgorithmName.SHA512));
        // The six digits apps show are the last six of the same number.
        Assert.Equal(sha1[2..], Totp.Code(Sha1Seed, step));
    }

    [Fact]
    public void Accepts_one_step_of_drift_either_way_and_no_more()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1111111111);
        var step = Totp.StepAt(now);
        Assert.Equal(step, Totp.MatchingStep(Sha1Seed, Totp.Code(Sha1Seed, step), now));
        Assert.Equal(step - 1, Totp.MatchingStep(Sha1Seed, Totp.Code(Sha1Seed, step - 1), now));
        Assert.Equal(step + 1, Totp.MatchingStep(Sha1Seed, Totp.Code(Sha1Seed, step + 1), now));
        Assert.Null(Totp.MatchingStep(Sha1Seed, Totp.Code(Sha1Seed, step - 2), now));
        Assert.Null(Totp.MatchingStep(Sha1Seed, Totp.Code(Sha1Seed, step + 2), now));
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("f", "MY")]
    [InlineData("fo", "MZXQ")]
    [InlineData("foo", "MZXW6")]
    [InlineData("foob", "MZXW6YQ")]
    [InlineData("fooba", "MZXW6YTB")]
    [InlineData("foobar", "MZXW6YTBOI")]
    public void Base32_follows_rfc_4648(string text, string encoded)
    {
        Assert.Equal(encoded, Base32.Encode(Encoding.ASCII.GetBytes(text)));
        Assert.Equal(text, Encoding.ASCII.GetString(Base32.Decode(encoded.ToLowerInvariant())));
    }

    [Theory]
    [InlineData("123456", true)]
    [InlineData("12345", false)]
    [InlineData("1234567", false)]
    [InlineData("12a456", false)]
    [InlineData("١٢٣٤٥٦", false)]
    public void Codes_are_six_ascii_digits(string code, bool wellFormed) => Assert.Equal(wellFormed, Totp.IsWellFormed(code));

    [Fact]
    public void Recovery_codes_are_distinct_and_normalize_what_people_type()
    {
        var codes = Enumerable.Range(0, 50).Select(_ => RecoveryCodes.New()).ToList();
        Assert.Equal(50, codes.Distinct().Count());
        Assert.All(codes, c => Assert.Matches("^[a-z2-9]{5}-[a-z2-9]{5}$", c));
        var code = codes[0];
        Assert.Equal(code.Replace("-", ""), RecoveryCodes.Normalize(" " + code.ToUpperInvariant().Replace("-", " ") + " "));
        Assert.Null(RecoveryCodes.Normalize("abcde-fghi"));
        Assert.Null(RecoveryCodes.Normalize("abcde-fghi1"));
    }
}
