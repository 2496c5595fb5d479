using Enclave.Server.Data;
using Enclave.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Enclave.Tests.Data;

/// <summary>The defaults Enclave gives its PostgreSQL sessions (docs/configuration.md), and that an operator's own choice wins.</summary>
public sealed class PostgresSessionDefaultsTests
{
    [Fact]
    public void Defaults_are_added_to_a_plain_connection_string()
    {
        var builder = new NpgsqlConnectionStringBuilder(DataServiceCollectionExtensions.WithSessionDefaults("Host=db;Username=enclave"));
        Assert.Equal("-c jit=off", builder.Options);
        Assert.Equal(256, builder.MaxAutoPrepare);
        Assert.Equal(2, builder.AutoPrepareMinUsages);
        Assert.True(builder.NoResetOnClose);
        Assert.Equal("db", builder.Host);
    }

    [Fact]
    public void An_operators_own_settings_are_kept_even_when_they_are_npgsqls_defaults()
    {
        var builder = new NpgsqlConnectionStringBuilder(DataServiceCollectionExtensions.WithSessionDefaults(
            "Host=db;Options=-c jit=on;Max Auto Prepare=0;auto prepare min usages=5;NoResetOnClose=false"));
        Assert.Equal("-c jit=on", builder.Options);
        Assert.Equal(0, builder.MaxAutoPrepare);
        Assert.Equal(5, builder.AutoPrepareMinUsages);
        Assert.False(builder.NoResetOnClose);
    }

    /// <summary>On a real server: the app's sessions run without JIT, and a statement run twice is prepared.</summary>
    [Fact]
    public async Task The_apps_sessions_run_without_jit_and_prepare_repeated_statements()
    {
        using var app = new EnclaveApp(Engine.Postgres);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EnclaveDb>();
        await db.Database.OpenConnectionAsync();
        try
        {
            Assert.Equal("off", await db.Database.SqlQueryRaw<string>("SELECT current_setting('jit') AS \"Value\"").SingleAsync());
            for (var i = 0; i < 3; i++) await db.Users.Where(u => u.UserName == "nobody-" + i).CountAsync();
            var prepared = await db.Database.SqlQueryRaw<string>("SELECT statement AS \"Value\" FROM pg_prepared_statements").ToListAsync();
            Assert.Contains(prepared, s => s.Contains("FROM users", StringComparison.Ordinal));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
