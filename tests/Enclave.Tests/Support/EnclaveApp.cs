using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Enclave.Tests.Support;

/// <summary>
/// Enclave in-process on a real database: a fresh SQLite file or a fresh PostgreSQL database.
/// Tests that only need "a world" share one app per engine (<see cref="Shared"/>) and create
/// their own users and organizations; tests that need an empty or special database make their own.
/// </summary>
public sealed class EnclaveApp : WebApplicationFactory<Program>
{
    private static readonly Dictionary<Engine, Lazy<EnclaveApp>> SharedApps = new()
    {
        [Engine.Sqlite] = new(() => new EnclaveApp(Engine.Sqlite)),
        [Engine.Postgres] = new(() => new EnclaveApp(Engine.Postgres)),
    };

    private readonly Dictionary<string, string?> _settings;
    private readonly string _folder;

    public Engine Engine { get; }
    public string ConnectionString { get; }
    public ManualClock Clock { get; } = new();
    /// <summary>The folder this app's outbox writes its <c>.eml</c> files into.</summary>
    public string Outbox { get; }

    public EnclaveApp(Engine engine, IDictionary<string, string?>? settings = null, string? connectionString = null)
    {
        Engine = engine;
        _folder = Directory.CreateTempSubdirectory("enclave-test-").FullName;
        ConnectionString = connectionString ?? (engine == Engine.Sqlite
            ? $"Data Source={Path.Combine(_folder, "enclave.db")}"
            : PostgresServer.CreateDatabase());
        Outbox = Path.Combine(_folder, "mail");
        _settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = engine == Engine.Sqlite ? "Sqlite" : "Postgres",
            ["Database:ConnectionString"] = ConnectionString,
            ["Storage:Path"] = Path.Combine(_folder, "blobs"),
            ["DataProtection:Path"] = Path.Combine(_folder, "keys"),
            ["Mail:OutboxPath"] = Outbox,
            // Every test client shares one address; the rate-limit tests lower these again.
            ["RateLimits:SignupPerHour"] = "1000000",
            ["RateLimits:LoginPerMinute"] = "1000000",
            ["RateLimits:TokensPerMinute"] = "1000000",
            ["RateLimits:PasswordResetPerHour"] = "1000000",
            ["Logging:LogLevel:Default"] = "Warning",
            // Video meeting links on (Tools/Meetings); a test turns them off with an empty value.
            ["Meetings:BaseUrl"] = "https://meet.example.org",
            // The test server has no body-size feature; Enclave enforces declared sizes itself (Web/RequestSizeLimit.cs).
            ["Logging:LogLevel:Microsoft.AspNetCore.Routing.EndpointRoutingMiddleware"] = "Error",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) _settings[key] = value;
        Outbox = _settings["Mail:OutboxPath"] ?? Outbox;
    }

    /// <summary>The app shared by all tests of one engine.</summary>
    public static EnclaveApp Shared(Engine engine) => SharedApps[engine].Value;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    /// <summary>A client with no credentials.</summary>
    public Api Anonymous() => new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false }), null);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the temp folder is harmless.
        }
    }
}
