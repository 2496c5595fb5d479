using Enclave.Server.Accounts;
using Enclave.Server.Data;
using Enclave.Server.Data.Migrations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Seeding;

/// <summary>
/// The <c>seed</c> operator command: migrates the configured database, refuses one that already
/// has accounts, and bulk-loads a generated world (see docs/PERFORMANCE.md, "The world").
/// </summary>
public static class SeedCommand
{
    /// <summary>The exit code when the database is refused (operations.md: 1 is "refused").</summary>
    public const int NotEmpty = 1;

    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyDictionary<string, string> arguments, TextWriter output, TextWriter error,
        bool interactive, CancellationToken cancellationToken)
    {
        SeedOptions options;
        try
        {
            options = SeedOptions.Parse(arguments);
        }
        catch (SeedOptionsException invalid)
        {
            foreach (var message in invalid.Errors) await error.WriteLineAsync($"error: {message}");
            return 2;
        }
        await services.GetRequiredService<MigrationRunner>().MigrateAsync();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EnclaveDb>();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        if (await db.Users.AnyAsync(cancellationToken))
        {
            await error.WriteLineAsync("error: the database already has accounts; the seed command only fills an empty database. Nothing was changed. " +
                "Point Database:ConnectionString at a new database (or remove the SQLite file) and run it again.");
            return NotEmpty;
        }
        var provider = scope.ServiceProvider.GetRequiredService<DatabaseOptions>().Provider;
        // Hashed once and shared by every account: hashing 100,000 passwords would take longer than the whole load.
        var hasher = scope.ServiceProvider.GetRequiredService<IPasswordHasher<User>>();
        var hash = hasher.HashPassword(new User { UserName = "", NormalizedUserName = "", FirstName = "", LastName = "", Email = "", NormalizedEmail = "", PasswordHash = "" }, options.Password);

        var progress = new SeedProgress(error, interactive, options.Posts);
        var plan = WorldPlan.Create(options);
        await error.WriteAsync(WorldSummary.Describe(plan));
        await using (var sink = BulkSink.For(db, provider, progress))
        {
            await sink.OpenAsync(cancellationToken);
            await new WorldWriter(plan, sink, hash).WriteAsync(cancellationToken);
            await new PostGenerator(plan, sink).WriteAsync(cancellationToken);
            await new ReadMarkerWriter(plan, sink).WriteAsync(cancellationToken);
            await sink.FinishAsync(cancellationToken);
        }
        progress.Done();
        await output.WriteAsync(Describe(options, plan, progress));
        return 0;
    }

    public static string Describe(SeedOptions options, WorldPlan plan, SeedProgress progress)
    {
        var text = new System.Text.StringBuilder();
        var total = progress.Counts.Values.Sum();
        text.AppendLine($"Seeded {options.Users:N0} people, {options.Organizations:N0} organizations, {options.Spheres:N0} spheres, {options.Posts:N0} posts " +
            $"(seed {options.Seed}) in {progress.Elapsed:hh\\:mm\\:ss}: {total:N0} rows, {total / Math.Max(0.001, progress.Elapsed.TotalSeconds):N0} rows/s.");
        foreach (var (table, rows) in progress.Counts)
            text.AppendLine($"  {table,-22} {rows,12:N0} rows {progress.Rate(table),10:N0} rows/s");
        text.AppendLine($"Every account signs in with the password: {options.Password}");
        text.AppendLine($"User names run from {SeedOptions.UserName(0)} to {SeedOptions.UserName(options.Users - 1)}; " +
            $"{SeedOptions.UserName(0)} manages the largest organization, {plan.Orgs[0].Name} ({plan.Orgs[0].Insiders.Count:N0} insiders in its global sphere).");
        return text.ToString();
    }
}
