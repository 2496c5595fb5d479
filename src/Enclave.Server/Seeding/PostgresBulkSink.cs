using Enclave.Server.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Enclave.Server.Seeding;

/// <summary>
/// PostgreSQL: binary COPY, one per table and batch (a connection runs one COPY at a time), all in
/// ONE transaction, so a failed or interrupted load leaves the database as empty as it was. Inside
/// it, the row triggers that index posts and comments for search are disabled, and the index is
/// filled set-wise at the end with the migration's own functions (search_content_vector), its GIN
/// index rebuilt in one pass: the same rows the triggers would write, several times faster than
/// one plpgsql call and one GIN insertion per row. The access generation's triggers (migration 0024)
/// are off too, and the generation is moved once at the end. The rollback on failure also restores the triggers.
/// </summary>
public sealed class PostgresBulkSink(EnclaveDb db, SeedProgress progress) : BulkSink(db, progress)
{
    // The row triggers that are off while the rows load: the search index's and the access generation's.
    private static readonly (string Table, string Trigger)[] RowTriggers =
    [
        ("posts", "search_posts"), ("comments", "search_comments"),
        ("organizations", "access_organizations"), ("spheres", "access_spheres"), ("organization_members", "access_organization_members"),
        ("sphere_members", "access_sphere_members"), ("charter_acceptances", "access_charter_acceptances"),
    ];

    private readonly Dictionary<string, (string Copy, Action<NpgsqlBinaryImporter, object?>[] Writers)> _copies = [];

    private static string Triggers(string action) => string.Join("\n", RowTriggers.Select(t => $"ALTER TABLE {t.Table} {action} TRIGGER {t.Trigger};"));
    private NpgsqlConnection _connection = null!;
    private NpgsqlTransaction? _transaction;

    public override async Task OpenAsync(CancellationToken cancellationToken)
    {
        await Db.Database.OpenConnectionAsync(cancellationToken);
        _connection = (NpgsqlConnection)Db.Database.GetDbConnection();
        _transaction = await _connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync($"""
            SET LOCAL synchronous_commit = off;
            SET LOCAL maintenance_work_mem = '512MB';
            {Triggers("DISABLE")}
            DROP INDEX search_documents_post_vector;
            DROP INDEX search_documents_comment_vector;
            """, cancellationToken);
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

    public override async Task FinishAsync(CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await ExecuteAsync($"""
            INSERT INTO search_documents ("Kind", "DocumentId", "SphereId", "Body", "Vector") SELECT 'post', "Id", "SphereId", "Body", search_content_vector("Body") FROM posts;
            INSERT INTO search_documents ("Kind", "DocumentId", "SphereId", "Body", "Vector") SELECT 'comment', "Id", "SphereId", "Body", search_content_vector("Body") FROM comments;
            CREATE INDEX search_documents_post_vector ON search_documents USING gin ("Vector") WHERE "Kind" = 'post';
            CREATE INDEX search_documents_comment_vector ON search_documents USING gin ("Vector") WHERE "Kind" = 'comment';
            {Triggers("ENABLE")}
            UPDATE access_generation SET "Value" = "Value" + 1 WHERE "Id" = 1;
            """, cancellationToken);
        await _transaction!.CommitAsync(cancellationToken);
        await _transaction.DisposeAsync();
        _transaction = null;
        Progress.Add("search_documents", Counts("posts") + Counts("comments"), System.Diagnostics.Stopwatch.GetElapsedTime(started));
        await ExecuteAsync("ANALYZE", cancellationToken);
    }

    private int Counts(string table) => (int)Progress.Counts.GetValueOrDefault(table);

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, _connection, _transaction);
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public override async ValueTask DisposeAsync()
    {
        if (_transaction is not null) await _transaction.DisposeAsync(); // rolls back an unfinished load
        await Db.Database.CloseConnectionAsync();
    }
}
