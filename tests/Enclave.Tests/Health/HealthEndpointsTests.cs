using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Enclave.Server.Data.Migrations;
using Enclave.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Enclave.Tests.Health;

public sealed class HealthEndpointsTests
{
    [Theory, Engines]
    public async Task Live_and_ready_answer_200_on_a_migrated_database(Engine engine)
    {
        var api = EnclaveApp.Shared(engine).Anonymous();
        Assert.Equal("live", await StatusAsync(api, "/health/live", HttpStatusCode.OK));
        Assert.Equal("ready", await StatusAsync(api, "/health/ready", HttpStatusCode.OK));
    }

    [Fact]
    public async Task Ready_answers_503_when_the_database_is_unreachable_while_live_stays_200()
    {
        var connectionString = $"Host=127.0.0.1;Port={ClosedPort()};Username=postgres;Database=enclave;Timeout=5";
        using var app = new EnclaveApp(Engine.Postgres, new Dictionary<string, string?> { ["Database:MigrateOnStartup"] = "false" }, connectionString);
        var api = app.Anonymous();
        Assert.Equal("live", await StatusAsync(api, "/health/live", HttpStatusCode.OK));
        Assert.Equal("not_ready", await StatusAsync(api, "/health/ready", HttpStatusCode.ServiceUnavailable));
    }

    [Theory, Engines]
    public async Task Ready_answers_503_until_every_migration_is_applied(Engine engine)
    {
        using var app = new EnclaveApp(engine, new Dictionary<string, string?> { ["Database:MigrateOnStartup"] = "false" });
        var api = app.Anonymous();
        var runner = app.Services.GetRequiredService<MigrationRunner>();
        var provider = engine == Engine.Sqlite ? Enclave.Server.Data.DatabaseProvider.Sqlite : Enclave.Server.Data.DatabaseProvider.Postgres;
        var all = MigrationRunner.Available(provider);
        Assert.True(all.Count >= 2, "this test needs at least two migrations");

        Assert.Equal("not_ready", await StatusAsync(api, "/health/ready", HttpStatusCode.ServiceUnavailable));
        await runner.MigrateAsync(target: all[0]);
        var partial = await GetAsync(api, "/health/ready", HttpStatusCode.ServiceUnavailable);
        Assert.Contains($"{all.Count - 1} migration(s) pending", partial["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await runner.MigrateAsync();
        Assert.Equal("ready", await StatusAsync(api, "/health/ready", HttpStatusCode.OK));
    }

    private static async Task<string> StatusAsync(Api api, string path, HttpStatusCode expected) =>
        (await GetAsync(api, path, expected))["status"]!.GetValue<string>();

    private static async Task<JsonNode> GetAsync(Api api, string path, HttpStatusCode expected)
    {
        using var response = await api.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"GET {path}: expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(text)!;
    }

    /// <summary>A loopback port nothing listens on: bound once to get a free number, then released.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
