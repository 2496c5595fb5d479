using Enclave.Server.Access;
using Enclave.Server.Accounts;
using Enclave.Server.Data;
using Enclave.Server.Posts.Rendering;
using Enclave.Server.Tools.Meetings;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Tools.Events;

/// <summary>Builds event responses for a page of events in a few queries (no query per event).</summary>
public sealed class EventViews(EnclaveDb db, Rsvps rsvps, MeetingRooms rooms)
{
    /// <param name="staffSpheres">Spheres where the viewer acts as staff (may edit anyone's event).</param>
    /// <param name="participantSpheres">Spheres where the viewer may answer (members past the charters).</param>
    public async Task<List<EventResponse>> BuildAsync(IReadOnlyList<CalendarEvent> events, Viewer viewer, IReadOnlySet<Guid> staffSpheres,
        IReadOnlySet<Guid> participantSpheres, CancellationToken cancellationToken)
    {
        if (events.Count == 0) return [];
        var ids = events.Select(e => e.Id).ToList();
        var sphereIds = events.Select(e => e.SphereId).Distinct().ToList();
        var names = await db.Spheres.AsNoTracking().Where(s => sphereIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var creatorIds = events.Where(e => e.CreatedById != null).Select(e => e.CreatedById!.Value).Distinct().ToList();
        var creators = await db.Users.AsNoTracking().Where(u => creatorIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, cancellationToken);
        var counts = await rsvps.CountsAsync(ids, cancellationToken);
        var me = viewer.UserId;
        var mine = me is null ? [] : await db.Set<EventRsvp>().AsNoTracking().Where(r => r.UserId == me && ids.Contains(r.EventId))
            .ToDictionaryAsync(r => r.EventId, cancellationToken);
        // Waiting ranks only for the events where the viewer waits (rare): one count each.
        var ranks = new Dictionary<Guid, int?>();
        foreach (var waiting in mine.Values.Where(r => r.Status == RsvpStatus.Waiting))
            ranks[waiting.EventId] = await rsvps.WaitingRankAsync(waiting.EventId, waiting.UserId, cancellationToken);
        return events.Select(e => new EventResponse(e.Id, e.SphereId, names.GetValueOrDefault(e.SphereId, ""), e.Type, e.Title, e.Description,
            e.Description is null ? null : MarkdownRenderer.Render(e.Description, ResolvedMentions.None),
            e.StartUtc, e.EndUtc, e.TimeZone, e.Place, e.OnlineUrl, e.Capacity, e.Status, e.Sequence,
            e.RemindMinutesBefore, e.CreatedById is { } c && creators.TryGetValue(c, out var u) ? UserSummary.From(u) : null,
            Rsvps.Counts(counts.GetValueOrDefault(e.Id), e.Capacity),
            mine.TryGetValue(e.Id, out var r) ? r.Status : null, ranks.GetValueOrDefault(e.Id),
            rooms.Url(e.MeetingRoom), me is not null && (e.CreatedById == me || staffSpheres.Contains(e.SphereId)) && participantSpheres.Contains(e.SphereId),
            e.Status == EventStatus.Scheduled && participantSpheres.Contains(e.SphereId), e.CreatedAt, e.UpdatedAt)).ToList();
    }

    public async Task<EventResponse> BuildOneAsync(CalendarEvent ev, SphereAccess access, Viewer viewer, CancellationToken cancellationToken) =>
        (await BuildAsync([ev], viewer, Set(access.ActsAsStaff, ev.SphereId), Set(access.CanUseTools, ev.SphereId), cancellationToken))[0];

    private static HashSet<Guid> Set(bool yes, Guid id) => yes ? [id] : [];
}
