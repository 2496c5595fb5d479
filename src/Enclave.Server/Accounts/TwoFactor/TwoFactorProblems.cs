using Enclave.Server.Web;

namespace Enclave.Server.Accounts.TwoFactor;

/// <summary>The problems of two-factor sign-in, in one place so the API guide and tests name the same codes.</summary>
public static class TwoFactorProblems
{
    public static ProblemException InvalidCode() =>
        new(401, "invalid_two_factor_code", "The code is incorrect, expired or already used.");

    public static ProblemException InvalidChallenge() =>
        new(400, "invalid_challenge", "The sign-in challenge is invalid or expired. Sign in again with your password.",
            new Dictionary<string, string[]> { ["challenge"] = ["is invalid or expired."] });

    public static ProblemException NotEnabled() =>
        ProblemException.Conflict("two_factor_not_enabled", "Two-factor sign-in is not enabled on this account.");

    public static ProblemException AlreadyEnabled() =>
        ProblemException.Conflict("two_factor_already_enabled", "Two-factor sign-in is already enabled. Disable it first to use another authenticator.");

    public static ProblemException NoSetup() =>
        ProblemException.Conflict("two_factor_setup_missing", "Start the two-factor setup first.");

    public static ProblemException WrongPassword() =>
        new(400, "validation_failed", "The password is incorrect.", new Dictionary<string, string[]> { ["password"] = ["is incorrect."] });

    /// <summary>The code field: six digits from the app or, where allowed, a recovery code.</summary>
    public static Validation Code(this Validation v, string field, string? code, bool allowRecovery)
    {
        if (string.IsNullOrWhiteSpace(code)) return v.Add(field, "is required.");
        var trimmed = code.Trim();
        if (Totp.IsWellFormed(trimmed) || (allowRecovery && RecoveryCodes.Normalize(trimmed) is not null)) return v;
        return v.Add(field, allowRecovery
            ? "must be the 6-digit code from your authenticator app or a recovery code."
            : "must be the 6-digit code from your authenticator app.");
    }
}
