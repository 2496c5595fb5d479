using Enclave.Server.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Enclave.Server.Seeding;

/// <summary>
/// PostgreSQL: binary COPY, one per table and batch (a connection runs one COPY at a time, and a
/// child batch must see its committed parents for the foreign keys). Row triggers still fire
/// during COPY, so the search index (search_documents) fills itself exactly as for the app's writes.
/// Commits are asynchronous for the session only: a crash loses at most the last batches of a load.
/// </summary>
public sealed class PostgresBulkSink(EnclaveDb db, SeedProgress progress) : BulkSink(db, progress)
{
    private readonly Dictionary<string, (string Copy, Action<NpgsqlBinaryImporter, object?>[] Writers)> _copies = [];
    private NpgsqlConnection _connection = null!;

    public override async Task OpenAsync(CancellationToken cancellationToken)
    {
        await Db.Database.OpenConnectionAsync(cancellationToken);
        _connection = (NpgsqlConnection)Db.Database.GetDbConnection();
        await ExecuteAsync("SET synchronous_commit = off", cancellationToken);
    }

    protected override async Task WriteRowsAsync<T>(TableMap map, IReadOnlyList<T> rows, CancellationToken cancellationToken)
    {
        var (copy, writers) = Copy(map);
        await using var importer = await _connection.BeginBinaryImportAsync(copy, cancellationToken);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(cancellationToken);
            for (var i = 0; i < writers.Length; i++) writers[i](importer, map.Columns[i].Read(row));
        }
        await importer.CompleteAsync(cancellationToken);
    }

    private (string, Action<NpgsqlBinaryImporter, object?>[]) Copy(TableMap map)
    {
        if (_copies.TryGetValue(map.Table, out var copy)) return copy;
        var sql = $"COPY {Quote(map.Table)} ({string.Join(", ", map.Columns.Select(c => Quote(c.Name)))}) FROM STDIN (FORMAT BINARY)";
        _copies[map.Table] = copy = (sql, map.Columns.Select(c => Writer(c.ProviderType)).ToArray());
        return copy;
    }

    private static Action<NpgsqlBinaryImporter, object?> Writer(Type type)
    {
        Action<NpgsqlBinaryImporter, object> write = type switch
        {
            _ when type == typeof(Guid) => (w, v) => w.Write((Guid)v, NpgsqlDbType.Uuid),
            _ when type == typeof(string) => (w, v) => w.Write((string)v, NpgsqlDbType.Text),
            _ when type == typeof(bool) => (w, v) => w.Write((bool)v, NpgsqlDbType.Boolean),
            _ when type == typeof(int) => (w, v) => w.Write((int)v, NpgsqlDbType.Integer),
            _ when type == typeof(long) => (w, v) => w.Write((long)v, NpgsqlDbType.Bigint),
            _ when type == typeof(DateTime) => (w, v) => w.Write((DateTime)v, NpgsqlDbType.TimestampTz),
            _ when type == typeof(byte[]) => (w, v) => w.Write((byte[])v, NpgsqlDbType.Bytea),
            _ => throw new NotSupportedException($"No COPY writer for {type.Name}."),
        };
        return (w, v) => { if (v is null) w.WriteNull(); else write(w, v); };
    }

    public override async Task FinishAsync(CancellationToken cancellationToken) => await ExecuteAsync("ANALYZE", cancellationToken);

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, _connection);
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public override async ValueTask DisposeAsync() => await Db.Database.CloseConnectionAsync();
}
