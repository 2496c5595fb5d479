using System.Data.Common;
using System.Reflection;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Data.Migrations;

/// <summary>
/// Applies the versioned SQL scripts embedded next to this file, in order, each in its own
/// transaction, and records them in <c>schema_migrations</c>. The EF design-time package is not
/// available to us, so migrations are hand-written SQL, one file per engine
/// (<c>NNNN_name.sqlite.sql</c>, <c>NNNN_name.postgres.sql</c>); a test checks that the
/// migrated schema matches the EF model on both engines.
/// </summary>
public sealed class MigrationRunner(IServiceScopeFactory scopes, DatabaseOptions options, ILogger<MigrationRunner> logger)
{
    // Serialises migration across app nodes sharing one PostgreSQL server.
    private const long PostgresLockKey = 0x456E636C617665; // "Enclave"

    public static IReadOnlyList<string> Available(DatabaseProvider provider)
    {
        var suffix = provider == DatabaseProvider.Postgres ? ".postgres.sql" : ".sqlite.sql";
        var prefix = typeof(MigrationRunner).Namespace + ".";
        return typeof(MigrationRunner).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(suffix, StringComparison.Ordinal))
            .Select(n => n[prefix.Length..^suffix.Length])
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Applies every pending migration, or only those up to and including <paramref name="target"/>.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(string? target = null, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EnclaveDb>();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        try
        {
            if (options.Provider == DatabaseProvider.Postgres)
                await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({PostgresLockKey})", cancellationToken);
            else
                await ExecuteAsync(connection, null, "PRAGMA journal_mode=WAL", cancellationToken);

            await ExecuteAsync(connection, null, CreateHistoryTable(), cancellationToken);
            var applied = await AppliedAsync(connection, cancellationToken);
            var done = new List<string>();
            foreach (var id in Available(options.Provider))
            {
                if (applied.Contains(id)) continue;
                await ApplyAsync(connection, id, cancellationToken);
                done.Add(id);
                logger.LogInformation("Applied migration {Migration}", id);
                if (id == target) break;
            }
            return done;
        }
        finally
        {
            if (options.Provider == DatabaseProvider.Postgres)
                await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({PostgresLockKey})", CancellationToken.None);
            await connection.CloseAsync();
        }
    }

    private string CreateHistoryTable() => options.Provider == DatabaseProvider.Postgres
        ? "CREATE TABLE IF NOT EXISTS schema_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())"
        : "CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))";

    private static async Task<HashSet<string>> AppliedAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM schema_migrations";
        var ids = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) ids.Add(reader.GetString(0));
        return ids;
    }

    private async Task ApplyAsync(DbConnection connection, string id, CancellationToken cancellationToken)
    {
        var script = Load(id, options.Provider);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, script, cancellationToken);
        await using var record = connection.CreateCommand();
        record.Transaction = transaction;
        record.CommandText = "INSERT INTO schema_migrations (id) VALUES (@id)";
        var parameter = record.CreateParameter();
        parameter.ParameterName = "@id";
        parameter.Value = id;
        record.Parameters.Add(parameter);
        await record.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public static string Load(string id, DatabaseProvider provider)
    {
        var suffix = provider == DatabaseProvider.Postgres ? ".postgres.sql" : ".sqlite.sql";
        var name = $"{typeof(MigrationRunner).Namespace}.{id}{suffix}";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Migration script {name} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
