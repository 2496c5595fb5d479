using Enclave.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Posts;

/// <summary>
/// Publishes posts whose time has come and deletes those scheduled for deletion. The schedule
/// is the database itself (<c>PublishAt</c>, <c>DeleteAt</c>), so a restart loses nothing; each
/// post is claimed with a conditional update, so two nodes never publish it twice.
/// </summary>
public sealed class ScheduledPosts(EnclaveDb db, PostEvents events, TimeProvider clock)
{
    public async Task<(int Published, int Deleted)> RunDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Posts.Where(p => p.FeedKey == null && p.PublishAt != null && p.PublishAt <= now)
            .OrderBy(p => p.PublishAt).Select(p => p.Id).Take(500).ToListAsync(cancellationToken);
        var published = 0;
        foreach (var id in due)
        {
            var key = Ids.New();
            var claimed = await db.Posts.Where(p => p.Id == id && p.FeedKey == null)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.FeedKey, key).SetProperty(p => p.PublishedAt, now), cancellationToken);
            if (claimed == 0) continue;
            published++;
            await events.PostCreatedAsync(await db.Posts.AsNoTracking().FirstAsync(p => p.Id == id, cancellationToken), cancellationToken);
        }
        var deleted = await db.Posts.Where(p => p.DeleteAt != null && p.DeleteAt <= now).ExecuteDeleteAsync(cancellationToken);
        return (published, deleted);
    }
}

public sealed class ScheduledPostsWorker(IServiceScopeFactory scopes, ILogger<ScheduledPostsWorker> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var (published, deleted) = await scope.ServiceProvider.GetRequiredService<ScheduledPosts>().RunDueAsync(stoppingToken);
                if (published + deleted > 0) logger.LogInformation("Scheduled posts: {Published} published, {Deleted} deleted", published, deleted);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be briefly unavailable; the next tick retries.
                logger.LogWarning(e, "Scheduled posts run failed");
            }
        }
    }
}
