namespace Enclave.Server.Seeding;

/// <summary>The <c>seed</c> command's options: the size of the world and its seed.</summary>
public sealed record SeedOptions(int Users, int Organizations, int Spheres, int Posts, int Comments, int Seed, string Password)
{
    /// <summary>Every seeded account signs in with this password unless <c>--password</c> says otherwise.</summary>
    public const string DefaultPassword = "enclave-seed-password";

    /// <summary>The simulated timeline: posts are spread over these days, ending well before today so nothing is "in the future".</summary>
    public static readonly DateTime Start = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    public const int TimelineDays = 300;

    /// <summary>Deterministic user names: user000001, user000002... (the load benchmark signs in with them).</summary>
    public static string UserName(int index) => $"user{index + 1:D6}";

    public static SeedOptions Parse(IReadOnlyDictionary<string, string> options)
    {
        // Plain messages, not the API's Validation: they go to an operator's terminal, never to a page (no translation needed).
        var errors = new List<string>();
        int Number(string name, int fallback, int min, int max)
        {
            if (!options.TryGetValue(name, out var text)) return fallback;
            if (!int.TryParse(text.Replace("_", "").Replace(",", ""), out var value) || value < min || value > max)
            {
                errors.Add($"--{name} must be a whole number from {min} to {max}.");
                return fallback;
            }
            return value;
        }
        var users = Number("users", 10_000, 2, 10_000_000);
        var organizations = Number("organizations", 10, 1, 100_000);
        var spheres = Number("spheres", 300, 1, 1_000_000);
        var posts = Number("posts", 200_000, 0, 100_000_000);
        var comments = Number("comments", (int)Math.Min(int.MaxValue, posts * 1.5), 0, int.MaxValue);
        var seed = Number("seed", 42, int.MinValue, int.MaxValue);
        var password = options.GetValueOrDefault("password") ?? DefaultPassword;
        if (spheres < organizations) errors.Add("--spheres must be at least --organizations (each organization has a global sphere).");
        if (password.Length < Accounts.AccountRules.PasswordMinLength) errors.Add($"--password must be at least {Accounts.AccountRules.PasswordMinLength} characters.");
        if (errors.Count > 0) throw new SeedOptionsException(errors);
        return new SeedOptions(users, organizations, spheres, posts, comments, seed, password);
    }
}

/// <summary>Bad command-line options for <c>seed</c>, one message per problem.</summary>
public sealed class SeedOptionsException(IReadOnlyList<string> errors) : Exception(string.Join(" ", errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
