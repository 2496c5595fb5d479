using Enclave.Server.Web;

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
        var v = new Validation();
        int Number(string name, int fallback, int min, int max)
        {
            if (!options.TryGetValue(name, out var text)) return fallback;
            if (!int.TryParse(text.Replace("_", "").Replace(",", ""), out var value) || value < min || value > max)
            {
                v.Add(name, $"must be a whole number from {min} to {max}.");
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
        if (spheres < organizations) v.Add("spheres", "must be at least the number of organizations (each has a global sphere).");
        if (password.Length < Accounts.AccountRules.PasswordMinLength) v.Add("password", $"must be at least {Accounts.AccountRules.PasswordMinLength} characters.");
        v.ThrowIfAny();
        return new SeedOptions(users, organizations, spheres, posts, comments, seed, password);
    }
}
