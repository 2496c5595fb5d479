using Enclave.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Tools.Documents;

/// <summary>
/// Deletes stored bytes no version uses any more: left by cascades (a sphere or organization
/// deleted, an account erased) rather than by a purge, which releases its bytes at once. The
/// schedule is the table itself, so restarts lose nothing; a grace period spares the content of
/// an upload whose version is being saved at that moment.
/// </summary>
public sealed class DocumentSweep(EnclaveDb db, DocumentStore store, TimeProvider clock)
{
    public static readonly TimeSpan Grace = TimeSpan.FromHours(1);

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime - Grace;
        var unused = await db.Set<DocumentContent>().AsNoTracking()
            .Where(c => c.CreatedAt <= cutoff && !db.Set<DocumentVersion>().Any(v => v.ContentId == c.Id))
            .OrderBy(c => c.Id).Select(c => c.Id).Take(500).ToListAsync(cancellationToken);
        return await store.ReleaseAsync(unused, cancellationToken);
    }
}

public sealed class DocumentSweepWorker(IServiceScopeFactory scopes, ILogger<DocumentSweepWorker> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var released = await scope.ServiceProvider.GetRequiredService<DocumentSweep>().RunAsync(stoppingToken);
                if (released > 0) logger.LogInformation("Documents: {Released} unused stored files deleted", released);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be briefly unavailable; the next tick retries.
                logger.LogWarning(e, "Document sweep failed");
            }
        }
    }
}
