namespace Enclave.Server.Data;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>Bound from the <c>Database</c> configuration section (see docs/configuration.md).</summary>
public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>For SQLite, defaults to <c>Data Source=./data/enclave.db</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Apply pending migrations when the server starts (default true).</summary>
    public bool MigrateOnStartup { get; set; } = true;
}
