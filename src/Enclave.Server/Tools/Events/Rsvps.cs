using Enclave.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Tools.Events;

/// <summary>
/// Answers and the capacity rule. Every change of answers to one event runs in one transaction
/// that starts by writing the event's row: PostgreSQL then holds that row's lock and SQLite its
/// write lock until the commit, so concurrent answers to the same event are settled one after
/// the other by the database and never more people say "yes" than there are spots. When a "yes"
/// leaves, the first person waiting moves up in the same transaction.
/// </summary>
public sealed class Rsvps(EnclaveDb db, TimeProvider clock)
{
    /// <summary>Sets the person's answer; "yes" beyond the capacity becomes <see cref="RsvpStatus.Waiting"/>. Returns who moved up from the waiting list.</summary>
    public Task<(RsvpStatus Status, Guid? Promoted)> AnswerAsync(CalendarEvent ev, Guid userId, RsvpStatus wanted, CancellationToken cancellationToken) =>
        db.InTransactionAsync(async () =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            await LockAsync(ev.Id, cancellationToken);
            var capacity = await db.Set<CalendarEvent>().Where(e => e.Id == ev.Id).Select(e => e.Capacity).FirstAsync(cancellationToken);
            var rows = db.Set<EventRsvp>();
            var mine = await rows.FirstOrDefaultAsync(r => r.EventId == ev.Id && r.UserId == userId, cancellationToken);
            var before = mine?.Status;
            // Saying "yes" again keeps one's spot or place in line.
            if (wanted == RsvpStatus.Yes && before is RsvpStatus.Yes or RsvpStatus.Waiting) return (before.Value, (Guid?)null);
            var status = wanted;
            if (wanted == RsvpStatus.Yes && capacity is { } spots &&
                await rows.CountAsync(r => r.EventId == ev.Id && r.Status == RsvpStatus.Yes, cancellationToken) >= spots)
                status = RsvpStatus.Waiting;
            if (mine is null)
            {
                mine = new EventRsvp { Id = Ids.New(), OrganizationId = ev.OrganizationId, EventId = ev.Id, UserId = userId };
                rows.Add(mine);
            }
            mine.Status = status;
            mine.RespondedAt = now;
            mine.WaitPosition = status == RsvpStatus.Waiting
                ? (await rows.Where(r => r.EventId == ev.Id).MaxAsync(r => r.WaitPosition, cancellationToken) ?? 0) + 1
                : null;
            await db.SaveChangesAsync(cancellationToken);
            var promoted = before == RsvpStatus.Yes && status != RsvpStatus.Yes ? await PromoteAsync(ev.Id, capacity, now, cancellationToken) : null;
            return (status, promoted);
        }, cancellationToken);

    /// <summary>After a capacity change: fills free spots from the waiting list, in order. Runs inside the edit's transaction.</summary>
    public async Task<List<Guid>> FillAsync(Guid eventId, CancellationToken cancellationToken)
    {
        await LockAsync(eventId, cancellationToken);
        var capacity = await db.Set<CalendarEvent>().Where(e => e.Id == eventId).Select(e => e.Capacity).FirstAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var moved = new List<Guid>();
        while (await PromoteAsync(eventId, capacity, now, cancellationToken) is { } id) moved.Add(id);
        return moved;
    }

    /// <summary>Counts per answer for these events, in one query.</summary>
    public async Task<Dictionary<Guid, Dictionary<RsvpStatus, int>>> CountsAsync(IReadOnlyCollection<Guid> eventIds, CancellationToken cancellationToken)
    {
        var rows = await db.Set<EventRsvp>().AsNoTracking().Where(r => eventIds.Contains(r.EventId))
            .GroupBy(r => new { r.EventId, r.Status }).Select(g => new { g.Key.EventId, g.Key.Status, Count = g.Count() }).ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.EventId).ToDictionary(g => g.Key, g => g.ToDictionary(r => r.Status, r => r.Count));
    }

    public static RsvpCounts Counts(Dictionary<RsvpStatus, int>? counts, int? capacity)
    {
        int Of(RsvpStatus s) => counts is not null && counts.TryGetValue(s, out var n) ? n : 0;
        return new RsvpCounts(Of(RsvpStatus.Yes), Of(RsvpStatus.Maybe), Of(RsvpStatus.No), Of(RsvpStatus.Waiting),
            capacity is { } c ? Math.Max(0, c - Of(RsvpStatus.Yes)) : null);
    }

    /// <summary>A person's rank in the waiting list (1 = next to move up).</summary>
    public async Task<int?> WaitingRankAsync(Guid eventId, Guid userId, CancellationToken cancellationToken)
    {
        var mine = await db.Set<EventRsvp>().AsNoTracking().Where(r => r.EventId == eventId && r.UserId == userId && r.Status == RsvpStatus.Waiting)
            .Select(r => r.WaitPosition).FirstOrDefaultAsync(cancellationToken);
        if (mine is null) return null;
        return 1 + await db.Set<EventRsvp>().CountAsync(r => r.EventId == eventId && r.Status == RsvpStatus.Waiting && r.WaitPosition < mine, cancellationToken);
    }

    /// <summary>A write to the event row: takes the row lock (PostgreSQL) or the write lock (SQLite) for the rest of the transaction.</summary>
    private Task LockAsync(Guid eventId, CancellationToken cancellationToken) =>
        db.Set<CalendarEvent>().Where(e => e.Id == eventId).ExecuteUpdateAsync(s => s.SetProperty(e => e.Sequence, e => e.Sequence), cancellationToken);

    private async Task<Guid?> PromoteAsync(Guid eventId, int? capacity, DateTime now, CancellationToken cancellationToken)
    {
        var rows = db.Set<EventRsvp>();
        if (capacity is { } spots && await rows.CountAsync(r => r.EventId == eventId && r.Status == RsvpStatus.Yes, cancellationToken) >= spots) return null;
        var next = await rows.Where(r => r.EventId == eventId && r.Status == RsvpStatus.Waiting).OrderBy(r => r.WaitPosition).FirstOrDefaultAsync(cancellationToken);
        if (next is null) return null;
        next.Status = RsvpStatus.Yes;
        next.WaitPosition = null;
        next.RespondedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return next.UserId;
    }
}
