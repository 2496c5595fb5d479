using System.Diagnostics;
using System.Net;
using Enclave.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Enclave.Tests.Docs;

/// <summary>
/// The documented API walkthrough (docs/examples/core-walkthrough.sh) must keep working: it runs
/// with bash and curl against Enclave listening on a real loopback port, on each engine.
/// </summary>
public sealed class CoreWalkthroughTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Theory, Engines]
    public async Task The_core_walkthrough_script_succeeds(Engine engine)
    {
        using var app = new EnclaveApp(engine);
        app.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        app.StartServer();
        var baseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();

        var (exitCode, output) = await RunAsync("bash", Repository.PathOf("docs", "examples", "core-walkthrough.sh"), baseUrl);

        Assert.True(exitCode == 0, $"core-walkthrough.sh exited with {exitCode} against {baseUrl} ({engine}):\n{output}");
        Assert.Contains("Walkthrough complete.", output, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = Repository.Root,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        var result = await ChildProcess.RunAsync(start, Timeout);
        return result.TimedOut
            ? (-1, $"timed out after {Timeout}:\n{result.StandardOutput}\n{result.StandardError}")
            : (result.ExitCode, $"{result.StandardOutput}\n--- stderr ---\n{result.StandardError}");
    }
}
