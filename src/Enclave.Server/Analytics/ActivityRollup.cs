using Enclave.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Analytics;

/// <summary>
/// Fills <see cref="ActivityDay"/> incrementally. Each source (published posts by feed key,
/// comments and reactions by id) is read after its watermark, in key order, in batches; a batch's
/// counts and the watermark's move commit together, and the watermark moves with a conditional
/// update, so two nodes (or a restart mid-run) never count a row twice. Rows newer than
/// <see cref="SettleTime"/> wait for the next run: a transaction that minted its key earlier but
/// committed later must not be skipped. What is later hidden or deleted stays counted (analytics
/// describe activity as it happened).
/// </summary>
public sealed class ActivityRollup(EnclaveDb db, TimeProvider clock)
{
    public static readonly TimeSpan SettleTime = TimeSpan.FromMinutes(1);
    public const int BatchSize = 2000;

    private sealed record Item(Guid Key, Guid OrganizationId, Guid SphereId, Guid UserId, DateTime At);

    /// <summary>Runs until every source is caught up; returns how many content rows were counted.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var bound = KeyAt(clock.GetUtcNow() - SettleTime);
        var total = 0;
        foreach (var source in new[] { "posts", "comments", "reactions" })
        {
            int counted;
            do
            {
                counted = await BatchAsync(source, bound, cancellationToken);
                total += Math.Max(counted, 0);
            } while (counted == BatchSize);
        }
        return total;
    }

    private async Task<int> BatchAsync(string source, Guid bound, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var mark = await db.RollupWatermarks.AsNoTracking().FirstOrDefaultAsync(w => w.Source == source, cancellationToken);
        if (mark is null)
        {
            try
            {
                db.RollupWatermarks.Add(mark = new RollupWatermark { Source = source, LastKey = Guid.Empty });
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                return -1; // another node created it; the next run reads it
            }
            db.ChangeTracker.Clear();
        }
        var after = mark.LastKey;
        var items = await ReadAsync(source, after, bound, cancellationToken);
        if (items.Count == 0) return 0;
        try
        {
            await db.InTransactionAsync(async () =>
            {
                var last = items[^1].Key;
                var moved = await db.RollupWatermarks.Where(w => w.Source == source && w.LastKey == after)
                    .ExecuteUpdateAsync(s => s.SetProperty(w => w.LastKey, last), cancellationToken);
                if (moved == 0) throw new DbUpdateConcurrencyException("another run moved the watermark");
                await AddAsync(source, items, cancellationToken);
            }, cancellationToken);
        }
        catch (DbUpdateException)
        {
            return -1;
        }
        return items.Count;
    }

    private Task<List<Item>> ReadAsync(string source, Guid after, Guid bound, CancellationToken cancellationToken) => source switch
    {
        "posts" => db.Posts.AsNoTracking().Where(p => p.FeedKey != null && p.FeedKey.Value.CompareTo(after) > 0 && p.FeedKey.Value.CompareTo(bound) < 0)
            .OrderBy(p => p.FeedKey).Take(BatchSize)
            .Select(p => new Item(p.FeedKey!.Value, p.OrganizationId, p.SphereId, p.AuthorId, p.PublishedAt ?? p.CreatedAt)).ToListAsync(cancellationToken),
        "comments" => db.Comments.AsNoTracking().Where(c => c.Id.CompareTo(after) > 0 && c.Id.CompareTo(bound) < 0).OrderBy(c => c.Id).Take(BatchSize)
            .Select(c => new Item(c.Id, c.OrganizationId, c.SphereId, c.AuthorId, c.CreatedAt)).ToListAsync(cancellationToken),
        _ => db.Reactions.AsNoTracking().Where(r => r.Id.CompareTo(after) > 0 && r.Id.CompareTo(bound) < 0).OrderBy(r => r.Id).Take(BatchSize)
            .Select(r => new Item(r.Id, r.OrganizationId, r.SphereId, r.UserId, r.CreatedAt)).ToListAsync(cancellationToken),
    };

    private async Task AddAsync(string source, List<Item> items, CancellationToken cancellationToken)
    {
        var groups = items.GroupBy(i => (i.SphereId, Day: i.At.Date, i.UserId)).ToList();
        var sphereIds = groups.Select(g => g.Key.SphereId).Distinct().ToList();
        var days = groups.Select(g => g.Key.Day).Distinct().ToList();
        var userIds = groups.Select(g => g.Key.UserId).Distinct().ToList();
        var existing = (await db.ActivityDays.Where(d => sphereIds.Contains(d.SphereId) && days.Contains(d.Day) && userIds.Contains(d.UserId))
            .ToListAsync(cancellationToken)).ToDictionary(d => (d.SphereId, d.Day, d.UserId));
        // Content of a sphere deleted meanwhile is skipped (its rollup rows went with it).
        var liveSpheres = (await db.Spheres.Where(s => sphereIds.Contains(s.Id)).Select(s => s.Id).ToListAsync(cancellationToken)).ToHashSet();
        foreach (var g in groups.Where(g => liveSpheres.Contains(g.Key.SphereId)))
        {
            if (!existing.TryGetValue(g.Key, out var row))
                db.ActivityDays.Add(row = new ActivityDay { Id = Ids.New(), OrganizationId = g.First().OrganizationId, SphereId = g.Key.SphereId, Day = g.Key.Day, UserId = g.Key.UserId });
            if (source == "posts") row.Posts += g.Count();
            else if (source == "comments") row.Comments += g.Count();
            else row.Reactions += g.Count();
        }
    }

    /// <summary>The smallest UUIDv7 of a millisecond: every key minted before that instant sorts below it.</summary>
    public static Guid KeyAt(DateTimeOffset at)
    {
        var hex = at.ToUnixTimeMilliseconds().ToString("x12", System.Globalization.CultureInfo.InvariantCulture);
        return Guid.Parse($"{hex[..8]}-{hex[8..]}-7000-8000-000000000000");
    }
}

public sealed class ActivityRollupWorker(IServiceScopeFactory scopes, ILogger<ActivityRollupWorker> logger) : BackgroundService
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
                await scope.ServiceProvider.GetRequiredService<ActivityRollup>().RunAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The watermark is in the database: the next tick resumes where this one stopped.
                logger.LogWarning(e, "Analytics rollup failed");
            }
        }
    }
}

public static class AnalyticsServiceCollectionExtensions
{
    public static IServiceCollection AddAnalytics(this IServiceCollection services) => services
        .AddScoped<ActivityRollup>()
        .AddHostedService<ActivityRollupWorker>();
}
