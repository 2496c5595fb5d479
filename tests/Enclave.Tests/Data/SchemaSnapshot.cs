using System.Data.Common;
using Enclave.Tests.Support;

namespace Enclave.Tests.Data;

/// <summary>
/// A normalized, engine-specific description of a database schema (tables, columns, types,
/// nullability, indexes, foreign keys), so that two databases can be compared line by line.
/// </summary>
public static class SchemaSnapshot
{
    public static async Task<List<string>> TakeAsync(Engine engine, DbConnection connection)
    {
        if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync();
        var lines = engine == Engine.Sqlite ? await SqliteAsync(connection) : await PostgresAsync(connection);
        return lines.Where(l => !l.Contains("schema_migrations", StringComparison.Ordinal) && !IsSearchStructure(l)).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Full-text search structures live only in SQL (migration 0005_search: an FTS5 table with its shadow
    /// tables on SQLite, a tsvector table on PostgreSQL), named <c>search_*</c>; the EF model knows nothing of them.
    /// Lines look like "column table.column ...", "index table.name ...", "fk table.column ...".
    /// </summary>
    private static bool IsSearchStructure(string line) =>
        line.Split(' ', 3) is [_, var subject, ..] && subject.StartsWith("search_", StringComparison.Ordinal);

    private static async Task<List<string>> SqliteAsync(DbConnection connection)
    {
        var lines = new List<string>();
        var tables = await ReadAsync(connection, "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'", r => r.GetString(0));
        foreach (var table in tables)
        {
            lines.AddRange(await ReadAsync(connection, $"PRAGMA table_info(\"{table}\")",
                r => $"column {table}.{r.GetString(1)} {r.GetString(2)} notnull={r.GetInt64(3)} pk={r.GetInt64(5)}"));
            lines.AddRange(await ReadAsync(connection, $"PRAGMA foreign_key_list(\"{table}\")",
                r => $"fk {table}.{r.GetString(3)} -> {r.GetString(2)}.{r.GetString(4)} on_delete={r.GetString(6)}"));
            var indexes = await ReadAsync(connection, $"PRAGMA index_list(\"{table}\")", r => (Name: r.GetString(1), Unique: r.GetInt64(2), Origin: r.GetString(3)));
            foreach (var index in indexes.Where(i => i.Origin == "c"))
            {
                var columns = await ReadAsync(connection, $"PRAGMA index_info(\"{index.Name}\")", r => r.GetString(2));
                lines.Add($"index {table}.{index.Name} unique={index.Unique} ({string.Join(",", columns)})");
            }
        }
        return lines;
    }

    private static async Task<List<string>> PostgresAsync(DbConnection connection)
    {
        var lines = await ReadAsync(connection,
            "SELECT table_name, column_name, data_type, coalesce(character_maximum_length, 0), is_nullable, coalesce(column_default, '') " +
            "FROM information_schema.columns WHERE table_schema = 'public'",
            r => $"column {r.GetString(0)}.{r.GetString(1)} {r.GetString(2)}({r.GetInt32(3)}) nullable={r.GetString(4)} default={r.GetString(5)}");
        lines.AddRange(await ReadAsync(connection, "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'",
            r => $"index {r.GetString(0)}.{r.GetString(1)} {r.GetString(2)}"));
        lines.AddRange(await ReadAsync(connection,
            // Constraint triggers (the access generation's, migration 0024) are behaviour, like the other
            // triggers, which the model does not describe.
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND contype <> 't'",
            r => $"constraint {r.GetString(0)}.{r.GetString(1)} {r.GetString(2)}"));
        return lines;
    }

    private static async Task<List<T>> ReadAsync<T>(DbConnection connection, string sql, Func<DbDataReader, T> map)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var result = new List<T>();
        while (await reader.ReadAsync()) result.Add(map(reader));
        return result;
    }
}
