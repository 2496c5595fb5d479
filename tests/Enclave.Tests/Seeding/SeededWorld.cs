using Enclave.Server.Seeding;
using Enclave.Tests.Support;

namespace Enclave.Tests.Seeding;

/// <summary>One small seeded world per engine, shared by the read-only tests of <see cref="SeedCommandTests"/>.</summary>
public sealed class SeededWorld : IDisposable
{
    public static readonly Dictionary<string, string> Small = new()
    {
        ["users"] = "200", ["organizations"] = "5", ["spheres"] = "40", ["posts"] = "2000", ["comments"] = "3000", ["seed"] = "42",
    };

    private readonly Dictionary<Engine, Lazy<EnclaveApp>> _apps = Enum.GetValues<Engine>().ToDictionary(e => e, e => new Lazy<EnclaveApp>(() => Seed(e, Small)));

    public EnclaveApp App(Engine engine) => _apps[engine].Value;

    public static EnclaveApp Seed(Engine engine, IReadOnlyDictionary<string, string> options)
    {
        var app = new EnclaveApp(engine);
        var error = new StringWriter();
        var code = SeedCommand.RunAsync(app.Services, options, new StringWriter(), error, interactive: false, CancellationToken.None).GetAwaiter().GetResult();
        Assert.True(code == 0, error.ToString());
        return app;
    }

    public void Dispose()
    {
        foreach (var app in _apps.Values.Where(a => a.IsValueCreated)) app.Value.Dispose();
    }
}
