using Enclave.Server.Data;

namespace Enclave.Server.Seeding;

/// <summary>
/// Where the generated rows go: PostgreSQL binary COPY or SQLite prepared inserts in batched
/// transactions. Rows arrive table by table in foreign-key order, in batches.
/// </summary>
public abstract class BulkSink(EnclaveDb db, SeedProgress progress) : IAsyncDisposable
{
    protected SeedProgress Progress { get; } = progress;
    private readonly Dictionary<Type, TableMap> _maps = [];

    protected EnclaveDb Db { get; } = db;

    public static BulkSink For(EnclaveDb db, DatabaseProvider provider, SeedProgress progress) =>
        provider == DatabaseProvider.Postgres ? new PostgresBulkSink(db, progress) : new SqliteBulkSink(db, progress);

    public abstract Task OpenAsync(CancellationToken cancellationToken);

    public async Task WriteAsync<T>(IReadOnlyList<T> rows, CancellationToken cancellationToken) where T : class
    {
        if (rows.Count == 0) return;
        if (!_maps.TryGetValue(typeof(T), out var map)) _maps[typeof(T)] = map = TableMap.For<T>(Db);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await WriteRowsAsync(map, rows, cancellationToken);
        Progress.Add(map.Table, rows.Count, System.Diagnostics.Stopwatch.GetElapsedTime(started));
    }

    protected abstract Task WriteRowsAsync<T>(TableMap map, IReadOnlyList<T> rows, CancellationToken cancellationToken) where T : class;

    /// <summary>After the load: refresh the planner's statistics and give back the bulk-load settings.</summary>
    public abstract Task FinishAsync(CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();

    protected static string Quote(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";
}
