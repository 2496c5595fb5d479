using Enclave.Server.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Seeding;

/// <summary>
/// SQLite: one prepared INSERT per table, reused for every row, inside one transaction per batch.
/// For the load only, durability is relaxed (synchronous=OFF: a crash mid-load leaves a database
/// to throw away anyway) and foreign keys are not checked row by row (the generator writes
/// parents first); both are restored, and the foreign keys verified, at the end.
/// </summary>
public sealed class SqliteBulkSink(EnclaveDb db, SeedProgress progress) : BulkSink(db, progress)
{
    private readonly Dictionary<string, (SqliteCommand Command, SqliteParameter[] Parameters)> _inserts = [];
    private SqliteConnection _connection = null!;

    public override async Task OpenAsync(CancellationToken cancellationToken)
    {
        await Db.Database.OpenConnectionAsync(cancellationToken);
        _connection = (SqliteConnection)Db.Database.GetDbConnection();
        await ExecuteAsync("PRAGMA foreign_keys=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144; PRAGMA temp_store=MEMORY;", cancellationToken);
    }

    protected override async Task WriteRowsAsync<T>(TableMap map, IReadOnlyList<T> rows, CancellationToken cancellationToken)
    {
        var (command, parameters) = Insert(map);
        await using var transaction = (SqliteTransaction)await _connection.BeginTransactionAsync(cancellationToken);
        command.Transaction = transaction;
        foreach (var row in rows)
        {
            for (var i = 0; i < parameters.Length; i++) parameters[i].Value = Value(map.Columns[i].Read(row));
            command.ExecuteNonQuery();
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>EF stores Guids as upper-case text on SQLite (and dates as ISO text, which the provider does by itself).</summary>
    private static object Value(object? value) => value switch
    {
        null => DBNull.Value,
        Guid g => g.ToString().ToUpperInvariant(),
        _ => value,
    };

    private (SqliteCommand, SqliteParameter[]) Insert(TableMap map)
    {
        if (_inserts.TryGetValue(map.Table, out var insert)) return insert;
        var command = _connection.CreateCommand();
        command.CommandText = $"INSERT INTO {Quote(map.Table)} ({string.Join(", ", map.Columns.Select(c => Quote(c.Name)))}) " +
            $"VALUES ({string.Join(", ", map.Columns.Select((_, i) => "@p" + i))})";
        var parameters = map.Columns.Select((_, i) => command.Parameters.Add(new SqliteParameter("@p" + i, null))).ToArray();
        _inserts[map.Table] = insert = (command, parameters);
        return insert;
    }

    public override async Task FinishAsync(CancellationToken cancellationToken)
    {
        await using (var check = _connection.CreateCommand())
        {
            check.CommandText = "PRAGMA foreign_key_check";
            await using var reader = await check.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
                throw new InvalidOperationException($"The seeded rows break a foreign key ({reader.GetString(0)} -> {reader.GetString(2)}).");
        }
        await ExecuteAsync("PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL; PRAGMA optimize; PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken);
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var (command, _) in _inserts.Values) await command.DisposeAsync();
        await Db.Database.CloseConnectionAsync();
    }
}
