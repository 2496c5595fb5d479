using Enclave.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Enclave.Server.Live;

/// <summary>Deletes live events older than the replay window, hourly.</summary>
public sealed class LiveRetention(IServiceScopeFactory scopes, IOptions<LiveOptions> options, TimeProvider clock, ILogger<LiveRetention> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1));
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<EnclaveDb>();
                var before = clock.GetUtcNow().UtcDateTime - options.Value.Retention;
                await db.LiveEvents.Where(e => e.CreatedAt < before).ExecuteDeleteAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Live event retention run failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
