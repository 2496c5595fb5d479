using Enclave.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Posts.Attachments;

/// <summary>
/// Removes uploads never attached within <see cref="AttachmentRules.PendingLifetime"/>, and orphans
/// (attached once, their post since deleted by a cascade). The schedule is the table itself
/// (<c>CreatedAt</c>, <c>AttachedAt</c>), so restarts lose nothing; each row is deleted
/// conditionally before its blob, so two nodes never fight and an upload attached meanwhile stays.
/// </summary>
public sealed class AttachmentPurge(EnclaveDb db, PostAttachments attachments, TimeProvider clock)
{
    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime - AttachmentRules.PendingLifetime;
        var due = await Due(cutoff).AsNoTracking().OrderBy(a => a.CreatedAt).Take(200)
            .Select(a => new { a.Id, a.OrganizationId, a.BlobKey }).ToListAsync(cancellationToken);
        var purged = new List<StoredBlob>();
        foreach (var row in due)
        {
            var id = row.Id;
            if (await Due(cutoff).Where(a => a.Id == id).ExecuteDeleteAsync(cancellationToken) == 1)
                purged.Add(new StoredBlob(row.OrganizationId, row.BlobKey));
        }
        await attachments.DeleteBlobsAsync(purged, cancellationToken);
        return purged.Count;
    }

    private IQueryable<Attachment> Due(DateTime cutoff) =>
        db.Attachments.Where(a => a.PostId == null && (a.AttachedAt != null || a.CreatedAt <= cutoff));
}

public sealed class AttachmentPurgeWorker(IServiceScopeFactory scopes, ILogger<AttachmentPurgeWorker> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var purged = await scope.ServiceProvider.GetRequiredService<AttachmentPurge>().RunDueAsync(stoppingToken);
                if (purged > 0) logger.LogInformation("Attachments: {Purged} unattached or orphaned files purged", purged);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be briefly unavailable; the next tick retries.
                logger.LogWarning(e, "Attachment purge failed");
            }
        }
    }
}
