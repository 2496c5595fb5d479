using Enclave.Server.Seeding;

namespace Enclave.Tests.Seeding;

public sealed class SeedOptionsTests
{
    [Fact]
    public void Defaults_apply_and_bad_options_are_named()
    {
        var defaults = SeedOptions.Parse(new Dictionary<string, string> { ["posts"] = "1,000" });
        Assert.Equal((1000, 1500, 42, SeedOptions.DefaultPassword), (defaults.Posts, defaults.Comments, defaults.Seed, defaults.Password));

        var invalid = Assert.Throws<SeedOptionsException>(() => SeedOptions.Parse(new Dictionary<string, string>
        {
            ["users"] = "many", ["organizations"] = "10", ["spheres"] = "5", ["password"] = "short",
        }));
        Assert.Equal(3, invalid.Errors.Count);
        Assert.Contains(invalid.Errors, e => e.StartsWith("--users", StringComparison.Ordinal));
        Assert.Contains(invalid.Errors, e => e.StartsWith("--spheres", StringComparison.Ordinal));
        Assert.Contains(invalid.Errors, e => e.StartsWith("--password", StringComparison.Ordinal));
    }
}
