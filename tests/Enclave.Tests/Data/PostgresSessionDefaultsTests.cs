using Enclave.Server.Data;
using Enclave.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Enclave.Tests.Data;

/// <summary>What Enclave adds to its PostgreSQL sessions (docs/configuration.md), and that an operator's own choice wins.</summary>
public sealed class PostgresSessionDefaultsTests
{
    [Fact]
    public void Jit_is_turned_off_on_a_plain_connection_string()
    {
        var builder = new NpgsqlConnectionStringBuilder(DataServiceCollectionExtensions.WithoutJit("Host=db;Username=enclave"));
        Assert.Equal("-c jit=off", builder.Options);
        Assert.Equal("db", builder.Host);
    }

    [Fact]
    public void An_operators_own_jit_setting_is_kept()
    {
        var builder = new NpgsqlConnectionStringBuilder(DataServiceCollectionExtensions.WithoutJit("Host=db;Options=-c jit=on"));
        Assert.Equal("-c jit=on", builder.Options);
    }

    /// <summary>Statements are not prepared automatically: docs/PERFORMANCE.md says why (a protocol error under load).</summary>
    [Fact]
    public async Task The_apps_sessions_run_without_jit_and_prepare_nothing()
    {
        using var app = new EnclaveApp(Engine.Postgres);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EnclaveDb>();
        await db.Database.OpenConnectionAsync();
        try
        {
            Assert.Equal("off", await db.Database.SqlQueryRaw<string>("SELECT current_setting('jit') AS \"Value\"").SingleAsync());
            for (var i = 0; i < 6; i++) await db.Users.Where(u => u.UserName == "nobody-" + i).CountAsync();
            Assert.Empty(await db.Database.SqlQueryRaw<string>("SELECT statement AS \"Value\" FROM pg_prepared_statements").ToListAsync());
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
