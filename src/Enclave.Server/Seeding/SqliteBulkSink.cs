using Enclave.Server.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Seeding;

/// <summary>
/// SQLite: one prepared INSERT per table, reused for every row, all in ONE transaction, so a
/// failed or interrupted load leaves the database as empty as it was. For the load only,
/// durability is relaxed (synchronous=OFF), foreign keys are not checked row by row (the generator
/// writes parents first; they are verified once at the end), and the triggers that index each new
/// post and comment for search are dropped: the index is filled set-wise at the end with the
/// migration's own statements and the triggers re-created from their stored SQL, inside the same
/// transaction (a rollback brings them back too).
/// </summary>
public sealed class SqliteBulkSink(EnclaveDb db, SeedProgress progress) : BulkSink(db, progress)
{
    private readonly Dictionary<string, (SqliteCommand Command, SqliteParameter[] Parameters)> _inserts = [];
    private static readonly string[] SearchTriggers = ["search_posts_insert", "search_comments_insert"];
    private readonly List<string> _triggers = [];
    private SqliteConnection _connection = null!;
    private SqliteTransaction? _transaction;

    public override async Task OpenAsync(CancellationToken cancellationToken)
    {
        await Db.Database.OpenConnectionAsync(cancellationToken);
        _connection = (SqliteConnection)Db.Database.GetDbConnection();
        await ExecuteAsync("PRAGMA foreign_keys=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144; PRAGMA temp_store=MEMORY;", cancellationToken);
        _transaction = (SqliteTransaction)await _connection.BeginTransactionAsync(cancellationToken);
        foreach (var name in SearchTriggers)
        {
            await using var read = Command($"SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = '{name}'");
            _triggers.Add((string)(await read.ExecuteScalarAsync(cancellationToken) ?? throw new InvalidOperationException($"Trigger {name} is missing.")));
            await ExecuteAsync($"DROP TRIGGER \"{name}\"", cancellationToken);
        }
    }

    protected override Task WriteRowsAsync<T>(TableMap map, IReadOnlyList<T> rows, CancellationToken cancellationToken)
    {
        var (command, parameters) = Insert(map);
        foreach (var row in rows)
        {
            for (var i = 0; i < parameters.Length; i++) parameters[i].Value = Value(map.Columns[i].Read(row));
            command.ExecuteNonQuery();
        }
        return Task.CompletedTask;
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
        var command = Command($"INSERT INTO {Quote(map.Table)} ({string.Join(", ", map.Columns.Select(c => Quote(c.Name)))}) " +
            $"VALUES ({string.Join(", ", map.Columns.Select((_, i) => "@p" + i))})");
        var parameters = map.Columns.Select((_, i) => command.Parameters.Add(new SqliteParameter("@p" + i, null))).ToArray();
        _inserts[map.Table] = insert = (command, parameters);
        return insert;
    }

    public override async Task FinishAsync(CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        // The migrations' own statements for rows that exist before their triggers (0005_search, 0022_search_by_sphere).
        await ExecuteAsync("""
            INSERT INTO "search_documents" ("Kind", "DocumentId", "SphereId") SELECT 'post', "Id", "SphereId" FROM "posts";
            INSERT INTO "search_documents" ("Kind", "DocumentId", "SphereId") SELECT 'comment', "Id", "SphereId" FROM "comments";
            INSERT INTO "search_fts" (rowid, body)
                SELECT d."Rowid", p."Body" FROM "search_documents" d JOIN "posts" p ON d."Kind" = 'post' AND p."Id" = d."DocumentId";
            INSERT INTO "search_fts" (rowid, body)
                SELECT d."Rowid", c."Body" FROM "search_documents" d JOIN "comments" c ON d."Kind" = 'comment' AND c."Id" = d."DocumentId";
            """, cancellationToken);
        foreach (var sql in _triggers) await ExecuteAsync(sql, cancellationToken);
        Progress.Add("search_documents", (int)(Progress.Counts.GetValueOrDefault("posts") + Progress.Counts.GetValueOrDefault("comments")),
            System.Diagnostics.Stopwatch.GetElapsedTime(started));
        await using (var check = Command("PRAGMA foreign_key_check"))
        {
            await using var reader = await check.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
                throw new InvalidOperationException($"The seeded rows break a foreign key ({reader.GetString(0)} -> {reader.GetString(2)}).");
        }
        await _transaction!.CommitAsync(cancellationToken);
        _transaction = null;
        await ExecuteAsync("PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL; PRAGMA optimize; PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken);
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private SqliteCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = _transaction;
        command.CommandTimeout = 0;
        return command;
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var (command, _) in _inserts.Values) await command.DisposeAsync();
        if (_transaction is not null) await _transaction.DisposeAsync(); // rolls back an unfinished load, triggers included
        await Db.Database.CloseConnectionAsync();
    }
}
