using System.Data.Common;
using System.Text;
using Enclave.Server.Data;
using Enclave.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Enclave.Tests.Privacy.Closing;

/// <summary>
/// Reads every column of every table the database holds (found from its own catalog, not from
/// the model, so a table added tomorrow is scanned too; the search index and its FTS5 shadow
/// tables included) and reports where any of the given strings occurs, case-insensitively.
/// Binary values are read as UTF-8 too (FTS5 keeps its terms in blobs).
/// </summary>
internal static class DatabaseScan
{
    public static async Task<List<string>> FindAsync(EnclaveApp app, IReadOnlyCollection<string> needles)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EnclaveDb>();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var tables = await ListAsync(connection, app.Engine == Engine.Sqlite
            ? "SELECT name FROM sqlite_master WHERE type = 'table'"
            : "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'");
        Assert.Contains("users", tables);
        Assert.Contains(app.Engine == Engine.Sqlite ? "search_fts_content" : "search_documents", tables);
        var lowered = needles.Select(n => n.ToLowerInvariant()).ToList();
        var hits = new List<string>();
        foreach (var table in tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    if (await reader.IsDBNullAsync(i)) continue;
                    var value = reader.GetValue(i) switch { byte[] bytes => Encoding.UTF8.GetString(bytes), var v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "" };
                    var text = value.ToLowerInvariant();
                    foreach (var needle in lowered.Where(text.Contains))
                        hits.Add($"{table}.{reader.GetName(i)} contains \"{needle}\": {Truncate(value)}");
                }
        }
        return hits;
    }

    /// <summary>File and folder names under a directory that contain any of the strings.</summary>
    public static List<string> FindInFileNames(string root, IReadOnlyCollection<string> needles) =>
        !Directory.Exists(root) ? [] : Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories)
            .Where(path => needles.Any(n => Path.GetRelativePath(root, path).Contains(n, StringComparison.OrdinalIgnoreCase))).ToList();

    private static async Task<List<string>> ListAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) names.Add(reader.GetString(0));
        return names;
    }

    private static string Truncate(string value) => value.Length > 120 ? value[..120] + "..." : value;
}
