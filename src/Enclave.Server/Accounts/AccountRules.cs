using System.Text.RegularExpressions;
using Enclave.Server.Web;

namespace Enclave.Server.Accounts;

public static partial class AccountRules
{
    public const int PasswordMinLength = 10;
    public const int PasswordMaxLength = 256;

    public static string Normalize(string value) => value.Trim().ToLowerInvariant();

    public static Validation UserName(this Validation v, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return v.Add(field, "is required.");
        if (!UserNamePattern().IsMatch(value))
            v.Add(field, "must be 3 to 32 letters, digits, '.', '_' or '-'.");
        return v;
    }

    /// <summary>A length-based policy (as NIST SP 800-63B advises) plus a few obvious refusals.</summary>
    public static Validation Password(this Validation v, string field, string? password, params string?[] personal)
    {
        if (string.IsNullOrEmpty(password)) return v.Add(field, "is required.");
        if (password.Length < PasswordMinLength) v.Add(field, $"must be at least {PasswordMinLength} characters.");
        if (password.Length > PasswordMaxLength) v.Add(field, $"must be at most {PasswordMaxLength} characters.");
        if (password.Distinct().Count() < 4) v.Add(field, "is too simple: use more different characters.");
        foreach (var item in personal)
        {
            if (!string.IsNullOrWhiteSpace(item) && password.Contains(item.Trim(), StringComparison.OrdinalIgnoreCase))
                v.Add(field, "must not contain your user name or email.");
        }
        return v;
    }

    public static Validation Language(this Validation v, string field, string? value)
    {
        if (value is not null && value is not ("en" or "fr")) v.Add(field, "must be 'en' or 'fr'.");
        return v;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{3,32}$")]
    private static partial Regex UserNamePattern();
}
