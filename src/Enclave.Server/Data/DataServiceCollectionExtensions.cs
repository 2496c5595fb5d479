using Enclave.Server.Data.Migrations;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Enclave.Server.Data;

public static class DataServiceCollectionExtensions
{
    public const string DefaultSqlite = "Data Source=./data/enclave.db";

    /// <summary>Registers the database chosen by configuration: SQLite (default) or PostgreSQL.</summary>
    public static IServiceCollection AddData(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("Database").Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddSingleton(options);
        var connectionString = ConnectionStringFor(options);
        services.AddDbContextPool<EnclaveDb>(builder => Configure(builder, options.Provider, connectionString));
        services.AddSingleton<MigrationRunner>();
        services.AddHostedService<MigrateOnStartup>();
        return services;
    }

    public static string ConnectionStringFor(DatabaseOptions options)
    {
        if (options.Provider == DatabaseProvider.Postgres)
        {
            return string.IsNullOrWhiteSpace(options.ConnectionString)
                ? throw new InvalidOperationException("Database:ConnectionString is required when Database:Provider is Postgres.")
                : WithoutJit(options.ConnectionString);
        }
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(options.ConnectionString) ? DefaultSqlite : options.ConnectionString);
        var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(directory) && builder.DataSource != ":memory:")
            Directory.CreateDirectory(directory);
        builder.Pooling = true;
        return builder.ToString();
    }

    /// <summary>
    /// Turns PostgreSQL's JIT compilation off for the app's sessions, unless the connection string
    /// already says what it wants (<c>Options=-c jit=on</c>). The app's statements are short OLTP
    /// reads whose estimated cost can still pass <c>jit_above_cost</c>: compiling them took 36 ms of
    /// a 55 ms home feed statement (docs/PERFORMANCE.md), and nothing here runs long enough to win it back.
    /// </summary>
    public static string WithoutJit(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.Options?.Contains("jit", StringComparison.OrdinalIgnoreCase) == true) return connectionString;
        builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? "-c jit=off" : $"{builder.Options} -c jit=off";
        return builder.ToString();
    }

    public static void Configure(DbContextOptionsBuilder builder, DatabaseProvider provider, string connectionString)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            builder.UseNpgsql(connectionString);
        }
        else
        {
            builder.UseSqlite(connectionString);
            builder.AddInterceptors(new SqlitePragmas());
        }
    }
}
