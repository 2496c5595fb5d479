using Enclave.Server.Accounts;
using Enclave.Server.Data;
using Enclave.Server.Data.Migrations;
using Enclave.Server.Demo;
using Enclave.Server.Web;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Cli;

/// <summary>
/// Operator commands, run as <c>dotnet run --project src/Enclave.Server -- &lt;command&gt;</c>:
/// <list type="bullet">
/// <item><c>admin create --username U --email E --first-name F --last-name L [--password P]</c>
/// (password also from ENCLAVE_ADMIN_PASSWORD or standard input)</item>
/// <item><c>admin promote --username U</c></item>
/// <item><c>migrate</c>: apply pending migrations and exit</item>
/// <item><c>schema script --provider sqlite|postgres</c>: print the schema the EF model implies
/// (how a new migration's SQL is drafted)</item>
/// <item><c>demo</c>: load the demo world into an empty database (refused when it has accounts)</item>
/// <item><c>seed --users N --organizations N --spheres N --posts N [--comments N] [--seed N] [--password P]</c>: bulk-load a
/// generated world for the performance benchmark into an empty database (see docs/PERFORMANCE.md)</item>
/// </list>
/// They read the same configuration as the server (appsettings, environment variables).
/// </summary>
public static class CommandLine
{
    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] is "admin" or "migrate" or "schema" or "demo" or "seed";

    public static async Task<int> RunAsync(string[] args)
    {
        var options = ParseOptions(args);
        // Configuration comes from appsettings and environment variables only: command options are not configuration.
        var builder = WebApplication.CreateBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddEnclave(builder.Configuration);
        await using var app = builder.Build();
        try
        {
            switch (args)
            {
                case ["schema", "script", ..]:
                    return Schema(options);
                case ["migrate", ..]:
                    var applied = await app.Services.GetRequiredService<MigrationRunner>().MigrateAsync();
                    Console.WriteLine(applied.Count == 0 ? "The schema is up to date." : $"Applied: {string.Join(", ", applied)}");
                    return 0;
                case ["admin", "create", ..]:
                    return await CreateAdminAsync(app, options);
                case ["admin", "promote", ..]:
                    return await PromoteAsync(app, options);
                case ["demo", ..]:
                    await app.Services.GetRequiredService<MigrationRunner>().MigrateAsync();
                    return await DemoCommand.RunAsync(app.Services, Console.Out, Console.Error, CancellationToken.None);
                case ["seed", ..]:
                    return await Seeding.SeedCommand.RunAsync(app.Services, options, Console.Out, Console.Error, !Console.IsErrorRedirected, CancellationToken.None);
                default:
                    Console.Error.WriteLine("Usage: admin create|promote ..., migrate, schema script --provider sqlite|postgres, demo, seed --users N --organizations N --spheres N --posts N [--comments N] [--seed N] [--password P]");
                    return 2;
            }
        }
        catch (ProblemException problem)
        {
            Console.Error.WriteLine($"error: {problem.Title}");
            foreach (var (field, messages) in problem.Errors ?? new Dictionary<string, string[]>())
                Console.Error.WriteLine($"  --{Kebab(field)}: {string.Join(" ", messages)}");
            return 1;
        }
    }

    private static async Task<int> CreateAdminAsync(WebApplication app, Dictionary<string, string> options)
    {
        await app.Services.GetRequiredService<MigrationRunner>().MigrateAsync();
        var password = options.GetValueOrDefault("password") ?? Environment.GetEnvironmentVariable("ENCLAVE_ADMIN_PASSWORD");
        if (password is null)
        {
            Console.Error.Write("Password: ");
            password = ReadSecret();
        }
        await using var scope = app.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        var user = await accounts.CreateAsync(new SignupRequest(options.GetValueOrDefault("username"), options.GetValueOrDefault("first-name"),
            options.GetValueOrDefault("last-name"), options.GetValueOrDefault("email"), password, options.GetValueOrDefault("language")),
            platformAdmin: true, CancellationToken.None);
        Console.WriteLine($"Created platform administrator {user.UserName} ({user.Id}).");
        return 0;
    }

    private static async Task<int> PromoteAsync(WebApplication app, Dictionary<string, string> options)
    {
        await app.Services.GetRequiredService<MigrationRunner>().MigrateAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EnclaveDb>();
        var name = AccountRules.Normalize(options.GetValueOrDefault("username") ?? "");
        var updated = await db.Users.Where(u => u.NormalizedUserName == name).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsPlatformAdmin, true));
        Console.WriteLine(updated == 0 ? "No such user." : "Promoted to platform administrator.");
        return updated == 0 ? 1 : 0;
    }

    private static int Schema(Dictionary<string, string> options)
    {
        var provider = options.GetValueOrDefault("provider") == "postgres" ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;
        var builder = new DbContextOptionsBuilder<EnclaveDb>();
        DataServiceCollectionExtensions.Configure(builder, provider, provider == DatabaseProvider.Postgres ? "Host=localhost" : "Data Source=:memory:");
        using var db = new EnclaveDb(builder.Options);
        Console.WriteLine(db.Database.GenerateCreateScript());
        return 0;
    }

    private static Dictionary<string, string> ParseOptions(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) continue;
            var name = args[i][2..];
            var equals = name.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0) options[name[..equals]] = name[(equals + 1)..];
            else if (i + 1 < args.Length) options[name] = args[++i];
        }
        return options;
    }

    /// <summary>Reads a password without echoing it when a terminal is attached.</summary>
    private static string? ReadSecret()
    {
        if (Console.IsInputRedirected) return Console.ReadLine();
        var secret = new System.Text.StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter) break;
            if (key.Key == ConsoleKey.Backspace && secret.Length > 0) secret.Length--;
            else if (!char.IsControl(key.KeyChar)) secret.Append(key.KeyChar);
        }
        Console.Error.WriteLine();
        return secret.ToString();
    }

    /// <summary>The command-line option that carries an API field.</summary>
    private static string Kebab(string camel) => camel == "userName" ? "username" : string.Concat(camel.Select(c => char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : c.ToString()));
}
