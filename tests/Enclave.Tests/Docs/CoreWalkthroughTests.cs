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
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = Repository.Root,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"timed out after {Timeout}:\n{await stdout}\n{await stderr}");
        }
        return (process.ExitCode, $"{await stdout}\n--- stderr ---\n{await stderr}");
    }
}
