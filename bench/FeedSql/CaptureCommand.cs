using System.Globalization;
using Enclave.Server;
using Enclave.Server.Data;
using Npgsql;

namespace Enclave.Bench.FeedSql;

/// <summary>
/// <c>capture</c>: builds the server's services exactly as the server and its CLI commands do
/// (<see cref="EnclaveHost.AddEnclave"/>, same configuration; hosted services are not started,
/// so nothing migrates or runs in the background), runs one home-feed page and one sphere-feed
/// page per sample as that person and records every statement. Writes capture.json, and on
/// PostgreSQL one pgbench script per page, checked to return the rows the app read.
/// </summary>
public static class CaptureCommand
{
    public static async Task<int> RunAsync(string outDir, int sampleCount)
    {
        // Subscribed before anything touches EF, so the first commands are seen too.
        using var recorder = new CommandRecorder();
        var builder = WebApplication.CreateBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddEnclave(builder.Configuration);
        await using var app = builder.Build();
        var services = app.Services;
        var database = services.GetRequiredService<DatabaseOptions>();

        var samples = await Sampler.PickAsync(services, sampleCount);
        // EF caches "is anyone listening" for about a second: run pages untimed until it notices.
        await FeedPages.HomeAsync(services, samples[0]);
        await FeedPages.SphereAsync(services, samples[0]);
        await Task.Delay(TimeSpan.FromSeconds(1.2));

        var captured = new List<CapturedSample>();
        foreach (var sample in samples)
        {
            var home = await RecordAsync(recorder, () => FeedPages.HomeAsync(services, sample), $"home feed of {sample.UserName}");
            var sphere = await RecordAsync(recorder, () => FeedPages.SphereAsync(services, sample), $"sphere feed of {sample.UserName}");
            captured.Add(new CapturedSample(sample.UserName, sample.UserId, sample.SphereId, sample.SphereType.ToString(), home, sphere));
        }

        Directory.CreateDirectory(outDir);
        var engine = database.Provider == DatabaseProvider.Postgres ? "postgres" : "sqlite";
        new CaptureFile(engine, DateTime.UtcNow, captured).Save(Path.Combine(outDir, "capture.json"));
        if (database.Provider == DatabaseProvider.Postgres)
        {
            for (var i = 0; i < captured.Count; i++)
            {
                File.WriteAllText(Path.Combine(outDir, $"home-{i + 1:D2}.sql"), PgScript.Write(captured[i].HomeFeed));
                File.WriteAllText(Path.Combine(outDir, $"sphere-{i + 1:D2}.sql"), PgScript.Write(captured[i].SphereFeed));
            }
            await VerifyPostgresAsync(DataServiceCollectionExtensions.ConnectionStringFor(database), captured);
        }
        Print(captured);
        return 0;
    }

    /// <summary>One recorded page, run a second time to check that the recording is complete and stable.</summary>
    /// <remarks>
    /// The page is run once unrecorded first: what is recorded is the page as a server serves it
    /// again and again, with the person's readable spheres already in its memory (ReadableSphereCache),
    /// i.e. the access generation's read instead of the readable-spheres statement.
    /// </remarks>
    private static async Task<List<CapturedStatement>> RecordAsync(CommandRecorder recorder, Func<Task> page, string what)
    {
        await page();
        recorder.Start();
        await page();
        var first = recorder.Stop();
        recorder.Start();
        await page();
        var second = recorder.Stop();
        if (first.Count == 0 || first.Count != second.Count || first.Zip(second).Any(p => p.First.Sql != p.Second.Sql))
            throw new InvalidOperationException($"The {what} gave {first.Count} then {second.Count} statements: the capture is incomplete.");
        if (first.FirstOrDefault(s => !IsRead(s.Sql)) is { } write)
            throw new InvalidOperationException($"The {what} wrote to the database: {write.Sql}");
        return first;
    }

    public static bool IsRead(string sql) =>
        sql.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) || sql.TrimStart().StartsWith("WITH", StringComparison.OrdinalIgnoreCase);

    /// <summary>Each inlined statement must return exactly the rows the app read through EF.</summary>
    private static async Task VerifyPostgresAsync(string connectionString, List<CapturedSample> captured)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var statement in captured.SelectMany(s => s.HomeFeed.Concat(s.SphereFeed)))
        {
            await using var command = new NpgsqlCommand(PgScript.Inline(statement), connection);
            await using var reader = await command.ExecuteReaderAsync();
            var rows = 0;
            while (await reader.ReadAsync()) rows++;
            if (rows != statement.Rows)
                throw new InvalidOperationException($"The inlined statement returned {rows} rows, the app read {statement.Rows}: {command.CommandText}");
        }
    }

    private static void Print(List<CapturedSample> captured)
    {
        static string Counts(IEnumerable<int> counts) => string.Join(" ", counts);
        Console.WriteLine($"{captured.Count} samples ({captured.Count(s => s.SphereType == "Global")} on a global sphere)");
        Console.WriteLine($"home feed statements per page: {Counts(captured.Select(s => s.HomeFeed.Count))} (mean {Mean(captured, s => s.HomeFeed)})");
        Console.WriteLine($"sphere feed statements per page: {Counts(captured.Select(s => s.SphereFeed.Count))} (mean {Mean(captured, s => s.SphereFeed)})");
        Console.WriteLine($"rows read per home page: {Counts(captured.Select(s => s.HomeFeed.Sum(x => x.Rows)))}");
    }

    private static string Mean(List<CapturedSample> captured, Func<CapturedSample, List<CapturedStatement>> page) =>
        captured.Average(s => page(s).Count).ToString("0.##", CultureInfo.InvariantCulture);
}
