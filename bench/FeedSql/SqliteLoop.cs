using System.Data;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Enclave.Bench.FeedSql;

/// <summary>
/// <c>sqlite-loop</c>: the captured pages replayed on bare Microsoft.Data.Sqlite, one connection
/// per thread with the server's connection settings (pooled, the pragmas of SqlitePragmas),
/// every statement prepared once and reused, every row and column read as EF's reader would.
/// First checks that each statement returns the rows the app read, then measures the home-feed
/// pages and the sphere-feed pages in two timed phases.
/// </summary>
public static class SqliteLoop
{
    // Same as Enclave.Server.Data.SqlitePragmas, which the server runs on every connection it opens.
    private const string Pragmas = "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000; PRAGMA synchronous=NORMAL;";
    private const long MaxPagesPerThread = 50_000_000;

    public sealed record Result(double PagesPerSecond, double AvgLatencyMs, int StatementsPerPage);

    public static int Run(string capturePath, string dbPath, double seconds, int threads)
    {
        var capture = CaptureFile.Load(capturePath);
        if (capture.Engine != "sqlite") throw new InvalidOperationException($"{capturePath} was captured on {capture.Engine}, not SQLite.");
        if (capture.Samples.SelectMany(s => s.HomeFeed.Concat(s.SphereFeed)).FirstOrDefault(s => !CaptureCommand.IsRead(s.Sql)) is { } write)
            throw new InvalidOperationException($"Not a read, refused: {write.Sql}");
        var connectionString = new SqliteConnectionStringBuilder { DataSource = dbPath, Pooling = true }.ToString();
        var home = capture.Samples.Select(s => s.HomeFeed).ToList();
        var sphere = capture.Samples.Select(s => s.SphereFeed).ToList();
        var result = new Dictionary<string, Result>
        {
            ["homeFeed"] = Measure(connectionString, home, seconds, threads),
            ["sphereFeed"] = Measure(connectionString, sphere, seconds, threads),
        };
        Console.WriteLine(JsonSerializer.Serialize(result, CaptureFile.Json));
        return 0;
    }

    private static Result Measure(string connectionString, List<List<CapturedStatement>> pages, double seconds, int threads)
    {
        var workers = Enumerable.Range(0, threads).Select(_ => new Worker(connectionString, pages)).ToList();
        try
        {
            foreach (var worker in workers) worker.Verify();
            var deadline = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
            var clock = Stopwatch.StartNew();
            var runs = workers.Select((w, i) => Task.Factory.StartNew(() => w.Loop(i, deadline), TaskCreationOptions.LongRunning)).ToArray();
            Task.WaitAll(runs);
            var elapsed = clock.Elapsed.TotalSeconds;
            var done = runs.Sum(r => r.Result.Pages);
            var latency = runs.Sum(r => r.Result.TotalSeconds) / Math.Max(1, done) * 1000;
            var statements = (int)Math.Round(pages.Average(p => p.Count));
            return new Result(Math.Round(done / elapsed, 1), Math.Round(latency, 3), statements);
        }
        finally
        {
            foreach (var worker in workers) worker.Dispose();
        }
    }

    private sealed class Worker : IDisposable
    {
        private readonly SqliteConnection connection;
        private readonly List<(SqliteCommand Command, int Rows)[]> pages;

        public Worker(string connectionString, List<List<CapturedStatement>> captured)
        {
            connection = new SqliteConnection(connectionString);
            connection.Open();
            using (var pragmas = connection.CreateCommand())
            {
                pragmas.CommandText = Pragmas;
                pragmas.ExecuteNonQuery();
            }
            pages = captured.Select(page => page.Select(s => (Prepare(s), s.Rows)).ToArray()).ToList();
        }

        private SqliteCommand Prepare(CapturedStatement statement)
        {
            var command = connection.CreateCommand();
            command.CommandText = statement.Sql;
            foreach (var p in statement.Parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = p.Name;
                parameter.DbType = Enum.Parse<DbType>(p.DbType);
                if (p.ProviderType is { } type) parameter.SqliteType = Enum.Parse<SqliteType>(type);
                parameter.Value = Value(p);
                command.Parameters.Add(parameter);
            }
            command.Prepare();
            return command;
        }

        public void Verify()
        {
            foreach (var (command, expected) in pages.SelectMany(p => p))
            {
                var rows = Read(command);
                if (rows != expected)
                    throw new InvalidOperationException($"The statement returned {rows} rows, the app read {expected}: {command.CommandText}");
            }
        }

        public (long Pages, double TotalSeconds) Loop(int offset, long deadline)
        {
            long done = 0, ticks = 0;
            while (done < MaxPagesPerThread)
            {
                var start = Stopwatch.GetTimestamp();
                if (start >= deadline) break;
                foreach (var (command, _) in pages[(int)((offset + done) % pages.Count)]) Read(command);
                ticks += Stopwatch.GetTimestamp() - start;
                done++;
            }
            return (done, (double)ticks / Stopwatch.Frequency);
        }

        /// <summary>Reads every column of every row, as EF materializing the results would.</summary>
        private static int Read(SqliteCommand command)
        {
            using var reader = command.ExecuteReader();
            var rows = 0;
            while (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++) _ = reader.GetValue(i);
                rows++;
            }
            return rows;
        }

        public void Dispose()
        {
            foreach (var (command, _) in pages.SelectMany(p => p)) command.Dispose();
            connection.Dispose();
        }
    }

    private static object Value(CapturedParameter p) => p.Value is null ? DBNull.Value : p.ClrType switch
    {
        "System.String" => p.Value,
        "System.Guid" => Guid.Parse(p.Value, CultureInfo.InvariantCulture),
        "System.Int32" => int.Parse(p.Value, CultureInfo.InvariantCulture),
        "System.Int64" => long.Parse(p.Value, CultureInfo.InvariantCulture),
        "System.Int16" => short.Parse(p.Value, CultureInfo.InvariantCulture),
        "System.Boolean" => bool.Parse(p.Value),
        "System.Double" => double.Parse(p.Value, CultureInfo.InvariantCulture),
        "System.Decimal" => decimal.Parse(p.Value, CultureInfo.InvariantCulture),
        "System.DateTime" => DateTime.Parse(p.Value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        "System.DateTimeOffset" => DateTimeOffset.Parse(p.Value, CultureInfo.InvariantCulture),
        "System.Byte[]" => Convert.FromBase64String(p.Value),
        _ => throw new NotSupportedException($"Cannot replay a {p.ClrType} parameter ({p.Name})."),
    };
}
