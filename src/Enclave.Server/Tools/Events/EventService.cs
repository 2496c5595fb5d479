using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Live;
using Enclave.Server.Notifications;
using Enclave.Server.Web;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Tools.Events;

/// <summary>Creating, editing and cancelling events; each change is one save, then one live event for the sphere's readers.</summary>
public sealed class EventService(EnclaveDb db, AccessGate gate, Rsvps rsvps, LivePublisher live, Notifier notifier, TimeProvider clock)
{
    public const string Noun = "event";
    public const string LiveType = "events.changed";

    /// <summary>The event and the viewer's rights in its sphere, or 404 when they do not read it.</summary>
    public async Task<(SphereAccess Access, CalendarEvent Event)> FindAsync(Viewer viewer, Guid id, CancellationToken cancellationToken)
    {
        var ev = await db.Set<CalendarEvent>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken) ?? throw ProblemException.NotFound(Noun);
        return (await gate.ToolSphereAsync(viewer, ev.SphereId, Noun, cancellationToken), ev);
    }

    /// <summary>The organizer, or the sphere's staff, may change an event; others who read it get 403.</summary>
    public static void RequireEditor(SphereAccess access, CalendarEvent ev, Viewer viewer)
    {
        if (!access.CanUseTools || (ev.CreatedById != viewer.Id && !access.ActsAsStaff))
            throw ProblemException.Forbidden("not_event_organizer", "Only the event's organizer or the sphere's staff change it.");
    }

    public async Task<CalendarEvent> CreateAsync(SphereAccess access, Viewer viewer, EventRequest request, CancellationToken cancellationToken)
    {
        _ = viewer.Id;
        if (!access.CanPost) throw ProblemException.Forbidden("cannot_post", "You cannot publish in this sphere.");
        var f = EventRules.Check(request, null);
        var now = clock.GetUtcNow().UtcDateTime;
        var ev = new CalendarEvent
        {
            Id = Ids.New(), OrganizationId = access.Sphere.OrganizationId, SphereId = access.Sphere.Id, CreatedById = viewer.Id,
            Status = EventStatus.Scheduled, Sequence = 0, CreatedAt = now,
        };
        Apply(ev, f, now);
        db.Add(ev);
        await db.SaveChangesAsync(cancellationToken);
        await ChangedAsync(ev, cancellationToken);
        return ev;
    }

    /// <summary>An edit bumps SEQUENCE; a new start or reminder delay re-arms the reminder; more spots move people up from the waiting list.</summary>
    public async Task<CalendarEvent> UpdateAsync(Guid id, Viewer viewer, EventRequest request, CancellationToken cancellationToken)
    {
        var (access, current) = await FindAsync(viewer, id, cancellationToken);
        RequireEditor(access, current, viewer);
        if (current.Status == EventStatus.Cancelled) throw ProblemException.Conflict("event_cancelled", "The event is cancelled.");
        var f = EventRules.Check(request, current);
        var now = clock.GetUtcNow().UtcDateTime;
        _ = await db.InTransactionAsync(async () =>
        {
            var ev = await db.Set<CalendarEvent>().FirstAsync(e => e.Id == id, cancellationToken);
            Apply(ev, f, now);
            ev.Sequence++;
            await db.SaveChangesAsync(cancellationToken);
            return await rsvps.FillAsync(id, cancellationToken);
        }, cancellationToken);
        var saved = await db.Set<CalendarEvent>().AsNoTracking().FirstAsync(e => e.Id == id, cancellationToken);
        await ChangedAsync(saved, cancellationToken);
        return saved;
    }

    /// <summary>Cancelling keeps the event (calendars show it as cancelled) and tells those who said yes, maybe or were waiting.</summary>
    public async Task<CalendarEvent> CancelAsync(Guid id, Viewer viewer, CancellationToken cancellationToken)
    {
        var (access, current) = await FindAsync(viewer, id, cancellationToken);
        RequireEditor(access, current, viewer);
        var now = clock.GetUtcNow().UtcDateTime;
        var changed = await db.Set<CalendarEvent>().Where(e => e.Id == id && e.Status == EventStatus.Scheduled)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, EventStatus.Cancelled).SetProperty(e => e.Sequence, e => e.Sequence + 1)
                .SetProperty(e => e.UpdatedAt, now), cancellationToken);
        var ev = await db.Set<CalendarEvent>().AsNoTracking().FirstAsync(e => e.Id == id, cancellationToken);
        if (changed == 0) return ev; // already cancelled: nothing more to say
        var attendees = await AttendeesToTellAsync(ev, [RsvpStatus.Yes, RsvpStatus.Maybe, RsvpStatus.Waiting], cancellationToken);
        await notifier.NotifyAsync(attendees, NotificationKind.EventCancelled, viewer.Id, ev.OrganizationId, ev.SphereId, null, null, ev.Id, cancellationToken);
        await ChangedAsync(ev, cancellationToken);
        return ev;
    }

    public async Task DeleteAsync(Guid id, Viewer viewer, CancellationToken cancellationToken)
    {
        var (access, current) = await FindAsync(viewer, id, cancellationToken);
        RequireEditor(access, current, viewer);
        await db.Set<CalendarEvent>().Where(e => e.Id == id).ExecuteDeleteAsync(cancellationToken);
        await ChangedAsync(current, cancellationToken);
    }

    /// <summary>Those with one of these answers who still read the sphere (someone removed hears nothing more).</summary>
    public async Task<List<Guid>> AttendeesToTellAsync(CalendarEvent ev, RsvpStatus[] statuses, CancellationToken cancellationToken)
    {
        var ids = await db.Set<EventRsvp>().AsNoTracking().Where(r => r.EventId == ev.Id && statuses.Contains(r.Status))
            .OrderBy(r => r.Id).Select(r => r.UserId).Take(10_000).ToListAsync(cancellationToken);
        return (await gate.ReadersAmongAsync(ev.SphereId, ids, cancellationToken)).Keys.ToList();
    }

    public Task ChangedAsync(CalendarEvent ev, CancellationToken cancellationToken) =>
        live.SphereEventAsync(LiveType, ev.OrganizationId, ev.SphereId, new { eventId = ev.Id, sphereId = ev.SphereId }, null, cancellationToken);

    private static void Apply(CalendarEvent ev, EventFields f, DateTime now)
    {
        var rearm = ev.StartUtc != f.StartUtc || ev.RemindMinutesBefore != f.RemindMinutesBefore;
        ev.Type = f.Type;
        ev.Title = f.Title;
        ev.Description = f.Description;
        ev.StartUtc = f.StartUtc;
        ev.EndUtc = f.EndUtc;
        ev.TimeZone = f.TimeZone;
        ev.Place = f.Place;
        ev.OnlineUrl = f.OnlineUrl;
        ev.Capacity = f.Capacity;
        ev.RemindMinutesBefore = f.RemindMinutesBefore;
        ev.UpdatedAt = now;
        if (!rearm) return;
        ev.ReminderDueAt = f.RemindMinutesBefore is { } m ? f.StartUtc.AddMinutes(-m) : null;
        ev.ReminderSentAt = null;
    }
}
