using Enclave.Server.Audit;
using Enclave.Server.Data;
using Enclave.Server.Files;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Privacy.Closing;

/// <summary>
/// Erases closed accounts whose grace period is over. The schedule is the <c>users.PurgeAfter</c>
/// column, so a restart loses nothing. Each account is purged in one transaction, all or
/// nothing: every feature's eraser (in order), then the core tables, then the audit entry; files
/// are deleted only after the commit, so a purge that rolls back leaves every file in place and
/// is simply retried on the next run.
/// </summary>
public sealed class AccountPurge(EnclaveDb db, IEnumerable<IPersonalDataEraser> erasers, CoreEraser core, AuditLog audit,
    IBlobStore blobs, TimeProvider clock, ILogger<AccountPurge> logger)
{
    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Users.AsNoTracking().Where(u => u.PurgeAfter != null && u.PurgeAfter <= now)
            .OrderBy(u => u.PurgeAfter).Select(u => u.Id).Take(50).ToListAsync(cancellationToken);
        var purged = 0;
        foreach (var id in due)
            if (await PurgeAsync(id, now, cancellationToken)) purged++;
        if (purged > 0) await CompactSearchIndexAsync(cancellationToken);
        return purged;
    }

    private async Task<bool> PurgeAsync(Guid userId, DateTime now, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        List<(Guid OrganizationId, string Key)> files;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            // Claiming the row settles races: with a restore (which needs PurgeAfter in the future) and with another node.
            var choice = await db.Users.Where(u => u.Id == userId && u.PurgeAfter != null && u.PurgeAfter <= now)
                .Select(u => u.ClosingChoice).FirstOrDefaultAsync(cancellationToken);
            var claimed = await db.Users.Where(u => u.Id == userId && u.PurgeAfter != null && u.PurgeAfter <= now)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.PurgeAfter, (DateTime?)null), cancellationToken);
            if (claimed == 0 || choice is null) return false;
            var erasure = new PersonalDataErasure(db, userId, choice.Value);
            foreach (var eraser in erasers.OrderBy(e => e.Order))
                await eraser.EraseAsync(erasure, cancellationToken);
            await core.EraseAsync(erasure, cancellationToken);
            audit.Record(AuditActions.AccountPurged, null, new AuditTarget(SubjectUserId: userId, Detail: choice.Value.ToString()));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            files = erasure.BlobsToDelete;
        }
        foreach (var (organizationId, key) in files.Distinct())
        {
            try
            {
                await blobs.DeleteAsync(organizationId, key, cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                logger.LogWarning(e, "Purge: file {Key} of organization {Organization} could not be deleted", key, organizationId);
            }
        }
        return true;
    }

    /// <summary>
    /// SQLite's FTS5 keeps deleted words in older index segments until they are merged; merging
    /// right away means the search index holds nothing of a purged person. PostgreSQL's tsvector
    /// column is rewritten with the row.
    /// </summary>
    private async Task CompactSearchIndexAsync(CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite()) return;
        await db.Database.ExecuteSqlRawAsync("INSERT INTO search_fts(search_fts) VALUES('optimize')", cancellationToken);
        await db.Database.ExecuteSqlRawAsync("INSERT INTO search_names_fts(search_names_fts) VALUES('optimize')", cancellationToken);
    }
}

public sealed class AccountPurgeWorker(IServiceScopeFactory scopes, Microsoft.Extensions.Options.IOptions<ClosingOptions> options, ILogger<AccountPurgeWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PurgeInterval);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var purged = await scope.ServiceProvider.GetRequiredService<AccountPurge>().RunDueAsync(stoppingToken);
                if (purged > 0) logger.LogInformation("Closed accounts: {Purged} purged after their grace period", purged);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be briefly unavailable; the account keeps its PurgeAfter and the next tick retries.
                logger.LogWarning(e, "Account purge failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
