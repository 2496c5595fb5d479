using Enclave.Server.Web;
using Microsoft.Extensions.Options;

namespace Enclave.Server.Demo;

/// <summary>Options of the <c>Demo</c> section. Demo data is explicit only: nothing is loaded unless <see cref="Load"/> is set.</summary>
public sealed class DemoOptions
{
    public bool Load { get; set; }
}

/// <summary>With <c>Demo:Load=true</c>, loads the demo world at start-up (after the migrations) when the database has no account yet.</summary>
public sealed class DemoOnStartup(IServiceScopeFactory scopes, IOptions<DemoOptions> options, ILogger<DemoOnStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Load) return;
        await using var scope = scopes.CreateAsyncScope();
        var loader = scope.ServiceProvider.GetRequiredService<DemoLoader>();
        if (!await loader.IsDatabaseEmptyAsync(cancellationToken))
        {
            logger.LogInformation("Demo:Load is set but the database already has accounts: the demo world is not loaded");
            return;
        }
        try
        {
            var summary = await loader.LoadAsync(cancellationToken);
            logger.LogInformation("{Description}", DemoCommand.Describe(summary).TrimEnd());
        }
        catch (ProblemException problem) when (problem.Status == StatusCodes.Status409Conflict)
        {
            // Another node starting at the same moment loaded it first; this node's attempt was rolled back.
            logger.LogInformation("Demo:Load: the database got its accounts meanwhile ({Code}); the demo world is not loaded again", problem.Code);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
