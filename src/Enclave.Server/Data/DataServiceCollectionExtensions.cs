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
                : WithSessionDefaults(options.ConnectionString);
        }
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(options.ConnectionString) ? DefaultSqlite : options.ConnectionString);
        var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(directory) && builder.DataSource != ":memory:")
            Directory.CreateDirectory(directory);
        builder.Pooling = true;
        return builder.ToString();
    }

    /// <summary>
    /// Enclave's defaults for its PostgreSQL sessions, each kept when the connection string already
    /// says what it wants (docs/configuration.md, docs/PERFORMANCE.md):
    /// <list type="bullet">
    /// <item><c>jit=off</c>: the app's statements are short OLTP reads whose estimated cost can still
    /// pass <c>jit_above_cost</c>; compiling them took 36 ms of a 55 ms home feed statement, and
    /// nothing here runs long enough to win it back.</item>
    /// <item><c>Max Auto Prepare=256</c>: a statement run a few times on a connection is prepared, so
    /// PostgreSQL stops planning it on every execution. Planning was more than half of the database
    /// time of a home feed page (the gate's readable-spheres statement plans in 0.7 ms and runs in
    /// 0.2 ms). 256 leaves room for the feeds' UNION ALL shapes (one per number of spheres); a statement
    /// is prepared on its second use (<c>Auto Prepare Min Usages=2</c>).</item>
    /// <item><c>No Reset On Close=true</c>: a connection going back to the pool is not reset. With
    /// prepared statements the reset is six statements (it cannot be <c>DISCARD ALL</c>), sent each time
    /// EF closes the connection, i.e. after nearly every query: 450,000 of the 600,000 statements of a
    /// sphere-feed benchmark step. The app leaves no session state behind: its <c>SET</c>s are
    /// <c>SET LOCAL</c> inside transactions, the migration lock is released in a <c>finally</c>, and
    /// the live listener's <c>LISTEN</c> runs on an unpooled connection.</item>
    /// </list>
    /// </summary>
    public static string WithSessionDefaults(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.Options?.Contains("jit", StringComparison.OrdinalIgnoreCase) != true)
            builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? "-c jit=off" : $"{builder.Options} -c jit=off";
        if (!Mentions(connectionString, "maxautoprepare")) builder.MaxAutoPrepare = 256;
        if (!Mentions(connectionString, "autoprepareminusages")) builder.AutoPrepareMinUsages = 2;
        if (!Mentions(connectionString, "noresetonclose")) builder.NoResetOnClose = true;
        return builder.ToString();
    }

    /// <summary>Whether the connection string sets a keyword itself (spaces and case ignored), even to its default value.</summary>
    private static bool Mentions(string connectionString, string keyword) =>
        new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Any(k => k.Replace(" ", "", StringComparison.Ordinal).Equals(keyword, StringComparison.OrdinalIgnoreCase));

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
