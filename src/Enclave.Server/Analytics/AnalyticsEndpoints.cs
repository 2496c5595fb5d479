using Enclave.Server.Access;
using Enclave.Server.Accounts;
using Enclave.Server.Data;
using Enclave.Server.Moderation;
using Enclave.Server.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Analytics;

public sealed record ActivityTotals(int Posts, int Comments, int Reactions, int ActiveMembers);

public sealed record DayActivity(DateTime Day, int Posts, int Comments, int Reactions, int ActiveMembers);

public sealed record Contributor(UserSummary User, int Posts, int Comments, int Reactions);

/// <summary>Activity over the last <see cref="Days"/> days (today included, UTC), compared with the days before.</summary>
public sealed record AnalyticsResponse(int Days, DateTime From, DateTime To, ActivityTotals Current, ActivityTotals Previous,
    IReadOnlyList<DayActivity> PerDay, IReadOnlyList<Contributor> TopContributors, DateTime? UpdatedUpTo);

/// <summary>Analytics read the daily rollup only (<see cref="ActivityRollup"/>): one view is a few grouped queries over at most 2 × 90 days.</summary>
public static class AnalyticsEndpoints
{
    public static readonly int[] Periods = [7, 30, 90];

    public static void MapAnalytics(RouteGroupBuilder api)
    {
        api.MapGet("/spheres/{id:guid}/analytics", Sphere).WithTags("Analytics");
        api.MapGet("/organizations/{id:guid}/analytics", Organization).WithTags("Analytics");
    }

    internal static async Task<Ok<AnalyticsResponse>> Sphere(Guid id, int? days, Viewer viewer, AccessGate gate, EnclaveDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var period = Period(days);
        await Moderator.ResolveAsync(viewer, id, gate, cancellationToken);
        return TypedResults.Ok(await ComputeAsync(db.ActivityDays.AsNoTracking().Where(d => d.SphereId == id), period, db, clock, cancellationToken));
    }

    internal static async Task<Ok<AnalyticsResponse>> Organization(Guid id, int? days, Viewer viewer, AccessGate gate, EnclaveDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var period = Period(days);
        await ModerationQueues.RequireManagerAsync(id, viewer, gate, cancellationToken);
        return TypedResults.Ok(await ComputeAsync(db.ActivityDays.AsNoTracking().Where(d => d.OrganizationId == id), period, db, clock, cancellationToken));
    }

    private static int Period(int? days)
    {
        if (days is { } d && !Periods.Contains(d)) Validation.Field("days", "must be one of: 7, 30, 90.");
        return days ?? 30;
    }

    private static async Task<AnalyticsResponse> ComputeAsync(IQueryable<ActivityDay> rows, int days, EnclaveDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var today = clock.GetUtcNow().UtcDateTime.Date;
        var from = today.AddDays(1 - days);
        var previousFrom = from.AddDays(-days);
        var window = rows.Where(d => d.Day >= previousFrom && d.Day <= today);
        var perDay = await window.GroupBy(d => d.Day)
            .Select(g => new DayActivity(g.Key, g.Sum(d => d.Posts), g.Sum(d => d.Comments), g.Sum(d => d.Reactions), g.Select(d => d.UserId).Distinct().Count()))
            .ToListAsync(cancellationToken);
        var current = window.Where(d => d.Day >= from);
        var previous = window.Where(d => d.Day < from);
        var top = await current.GroupBy(d => d.UserId)
            .Select(g => new { UserId = g.Key, Posts = g.Sum(d => d.Posts), Comments = g.Sum(d => d.Comments), Reactions = g.Sum(d => d.Reactions) })
            .OrderByDescending(x => x.Posts + x.Comments).ThenByDescending(x => x.Reactions).Take(10).ToListAsync(cancellationToken);
        var topIds = top.Select(t => t.UserId).ToList();
        var users = await db.Users.AsNoTracking().Where(u => topIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, cancellationToken);
        var mark = await db.RollupWatermarks.AsNoTracking().Where(w => w.Source == "posts").Select(w => (Guid?)w.LastKey).FirstOrDefaultAsync(cancellationToken);
        var series = Enumerable.Range(0, days).Select(i => from.AddDays(i))
            .Select(day => perDay.FirstOrDefault(p => p.Day == day) ?? new DayActivity(day, 0, 0, 0, 0)).ToList();
        return new AnalyticsResponse(days, from, today,
            await TotalsAsync(current, cancellationToken), await TotalsAsync(previous, cancellationToken), series,
            top.Where(t => users.ContainsKey(t.UserId)).Select(t => new Contributor(UserSummary.From(users[t.UserId]), t.Posts, t.Comments, t.Reactions)).ToList(),
            mark is { } key && key != Guid.Empty ? TimeOf(key) : null);
    }

    private static async Task<ActivityTotals> TotalsAsync(IQueryable<ActivityDay> rows, CancellationToken cancellationToken)
    {
        var sums = await rows.GroupBy(_ => 1).Select(g => new { Posts = g.Sum(d => d.Posts), Comments = g.Sum(d => d.Comments), Reactions = g.Sum(d => d.Reactions) })
            .FirstOrDefaultAsync(cancellationToken);
        var active = await rows.Select(d => d.UserId).Distinct().CountAsync(cancellationToken);
        return new ActivityTotals(sums?.Posts ?? 0, sums?.Comments ?? 0, sums?.Reactions ?? 0, active);
    }

    /// <summary>The instant encoded in a UUIDv7 (its first 48 bits, milliseconds since the epoch).</summary>
    private static DateTime TimeOf(Guid key) =>
        DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(key.ToString("N")[..12], System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture)).UtcDateTime;
}
