using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Enclave.E2E.Support;

/// <summary>
/// The real Enclave on Kestrel, listening on a free loopback port, on a fresh SQLite file in a
/// temp folder. One per test collection (<see cref="E2ECollection"/>): tests create their own
/// people and never assume an empty database.
/// </summary>
public sealed class EnclaveServer : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("enclave-e2e-").FullName;
    private Host? _host;

    /// <summary>Where Enclave answers, without a trailing slash: <c>http://127.0.0.1:PORT</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>The running app's services (for reading database state: create a scope first).</summary>
    public IServiceProvider Services => (_host ?? throw new InvalidOperationException("The server is not started.")).Services;

    /// <summary>The folder where the mail outbox writes one <c>.eml</c> file per message sent.</summary>
    public string MailOutboxPath => Path.Combine(_folder, "mail");

    /// <summary>An absolute URL on this server for a path such as <c>/api/reference</c>.</summary>
    public string Url(string path) => BaseUrl + (path.StartsWith('/') ? path : "/" + path);

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(MailOutboxPath);
        _host = new Host(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:ConnectionString"] = $"Data Source={Path.Combine(_folder, "enclave.db")}",
            ["Storage:Path"] = Path.Combine(_folder, "blobs"),
            ["DataProtection:Path"] = Path.Combine(_folder, "keys"),
            ["Mail:OutboxPath"] = MailOutboxPath,
            // Every browser context shares one address.
            ["RateLimits:SignupPerHour"] = "1000000",
            ["RateLimits:LoginPerMinute"] = "1000000",
            ["RateLimits:TokensPerMinute"] = "1000000",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        _host.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        _host.StartServer();
        var address = _host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        BaseUrl = address.TrimEnd('/');
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the temp folder is harmless.
        }
    }

    /// <summary>
    /// The factory finds src/Enclave.Server as content root, so its wwwroot is served as is.
    /// </summary>
    private sealed class Host(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
        }
    }
}
