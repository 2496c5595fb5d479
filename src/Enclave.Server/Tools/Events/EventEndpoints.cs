using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Tools.Events;

/// <summary>The events API: a sphere's calendar, one event, "my agenda". Every read goes through the gate with the event's own sphere.</summary>
public static class EventEndpoints
{
    public static void MapEvents(this RouteGroupBuilder api)
    {
        api.MapGet("/spheres/{id:guid}/events", List).WithTags("Events")
            .WithSummary("A sphere's events overlapping [from, to) (default: those not yet over), by start time.");
        api.MapPost("/spheres/{id:guid}/events", Create).WithTags("Events").WithSummary("Create an event in the sphere (whoever may publish there).");
        api.MapGet("/agenda", Agenda).WithTags("Events").WithSummary("My agenda: events of every sphere I read, overlapping [from, to); mine=true keeps those I answered yes, maybe or wait for.");
        var group = api.MapGroup("/events").WithTags("Events");
        group.MapGet("/{id:guid}", Get).WithSummary("One event with its answer counts and the viewer's own answer.");
        group.MapPatch("/{id:guid}", Update).WithSummary("Edit an event (organizer or sphere staff); bumps its sequence number.");
        group.MapPost("/{id:guid}/cancel", Cancel).WithSummary("Cancel an event; those who said yes, maybe or were waiting are notified.");
        group.MapDelete("/{id:guid}", Delete).WithSummary("Delete an event (organizer or sphere staff).");
        group.MapPut("/{id:guid}/rsvp", Answer).WithSummary("Answer yes, no or maybe; a yes beyond the capacity joins the waiting list.");
        group.MapGet("/{id:guid}/attendees", Attendees).WithSummary("Who answered, with their answer; keyset-paginated.");
    }

    internal static async Task<Ok<Page<EventResponse>>> List(Guid id, DateTime? from, DateTime? to, string? cursor, int? limit, Viewer viewer,
        AccessGate gate, EnclaveDb db, EventViews views, TimeProvider clock, CancellationToken cancellationToken)
    {
        var access = await gate.ToolSphereAsync(viewer, id, "sphere", cancellationToken);
        var query = db.Set<CalendarEvent>().AsNoTracking().Where(e => e.SphereId == id);
        var (events, next) = await EventRange.PageAsync(query, from, to, cursor, limit, clock, cancellationToken);
        var staff = access.ActsAsStaff ? new HashSet<Guid> { id } : [];
        var participant = access.CanUseTools ? new HashSet<Guid> { id } : [];
        return TypedResults.Ok(new Page<EventResponse>(await views.BuildAsync(events, viewer, staff, participant, cancellationToken), next));
    }

    internal static async Task<Ok<Page<EventResponse>>> Agenda(DateTime? from, DateTime? to, bool? mine, string? cursor, int? limit, Viewer viewer,
        AccessGate gate, EnclaveDb db, EventViews views, TimeProvider clock, CancellationToken cancellationToken)
    {
        var me = viewer.Id;
        var readable = gate.ReadableSpheres(me).Select(s => s.Id);
        var query = db.Set<CalendarEvent>().AsNoTracking().Where(e => readable.Contains(e.SphereId));
        if (mine == true)
            query = query.Where(e => db.Set<EventRsvp>().Any(r => r.EventId == e.Id && r.UserId == me && r.Status != RsvpStatus.No));
        var (events, next) = await EventRange.PageAsync(query, from, to, cursor, limit, clock, cancellationToken);
        // Readable spheres are member spheres past their charters: the viewer takes part in each.
        var spheres = events.Select(e => e.SphereId).ToHashSet();
        return TypedResults.Ok(new Page<EventResponse>(await views.BuildAsync(events, viewer, new HashSet<Guid>(), spheres, cancellationToken), next));
    }

    internal static async Task<Created<EventResponse>> Create(Guid id, EventRequest request, Viewer viewer, AccessGate gate, EventService events,
        EventViews views, CancellationToken cancellationToken)
    {
        _ = viewer.Id;
        var access = await gate.ToolSphereAsync(viewer, id, "sphere", cancellationToken);
        var ev = await events.CreateAsync(access, viewer, request, cancellationToken);
        return TypedResults.Created($"/api/v1/events/{ev.Id}", await views.BuildOneAsync(ev, access, viewer, cancellationToken));
    }

    internal static async Task<Ok<EventResponse>> Get(Guid id, Viewer viewer, EventService events, EventViews views, CancellationToken cancellationToken)
    {
        var (access, ev) = await events.FindAsync(viewer, id, cancellationToken);
        return TypedResults.Ok(await views.BuildOneAsync(ev, access, viewer, cancellationToken));
    }

    internal static async Task<Ok<EventResponse>> Update(Guid id, EventRequest request, Viewer viewer, EventService events, EventViews views, CancellationToken cancellationToken)
    {
        var ev = await events.UpdateAsync(id, viewer, request, cancellationToken);
        return await Get(ev.Id, viewer, events, views, cancellationToken);
    }

    internal static async Task<Ok<EventResponse>> Cancel(Guid id, Viewer viewer, EventService events, EventViews views, CancellationToken cancellationToken)
    {
        var ev = await events.CancelAsync(id, viewer, cancellationToken);
        return await Get(ev.Id, viewer, events, views, cancellationToken);
    }

    internal static async Task<NoContent> Delete(Guid id, Viewer viewer, EventService events, CancellationToken cancellationToken)
    {
        await events.DeleteAsync(id, viewer, cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<Ok<RsvpResponse>> Answer(Guid id, RsvpRequest request, Viewer viewer, AccessGate gate, EventService events,
        Rsvps rsvps, CancellationToken cancellationToken)
    {
        var me = viewer.Id;
        var (_, ev) = await events.FindAsync(viewer, id, cancellationToken);
        await gate.ToolParticipantAsync(viewer, ev.SphereId, EventService.Noun, cancellationToken);
        new Validation().Require("response", request.Response).ThrowIfAny();
        if (request.Response == RsvpStatus.Waiting) Validation.Field("response", "must be yes, no or maybe.");
        if (ev.Status == EventStatus.Cancelled) throw ProblemException.Conflict("event_cancelled", "The event is cancelled.");
        var (status, _) = await rsvps.AnswerAsync(ev, me, request.Response!.Value, cancellationToken);
        await events.ChangedAsync(ev, cancellationToken);
        var counts = await rsvps.CountsAsync([ev.Id], cancellationToken);
        return TypedResults.Ok(new RsvpResponse(ev.Id, status, await rsvps.WaitingRankAsync(ev.Id, me, cancellationToken),
            Rsvps.Counts(counts.GetValueOrDefault(ev.Id), ev.Capacity)));
    }

    /// <summary>Everyone who reads the event sees who comes (as on an invitation); keyset by answer id.</summary>
    internal static async Task<Ok<Page<AttendeeResponse>>> Attendees(Guid id, string? status, string? cursor, int? limit, Viewer viewer,
        EventService events, EnclaveDb db, CancellationToken cancellationToken)
    {
        var (_, ev) = await events.FindAsync(viewer, id, cancellationToken);
        var query = db.Set<EventRsvp>().AsNoTracking().Where(r => r.EventId == ev.Id);
        if (QueryEnum.Parse<RsvpStatus>("status", status) is { } s) query = query.Where(r => r.Status == s);
        var page = await query.ToPageAsync(r => r.Id, cursor, limit, r => r, cancellationToken);
        var userIds = page.Items.Select(r => r.UserId).ToList();
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, cancellationToken);
        var waiting = await db.Set<EventRsvp>().AsNoTracking().Where(r => r.EventId == ev.Id && r.Status == RsvpStatus.Waiting)
            .OrderBy(r => r.WaitPosition).Select(r => r.UserId).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<AttendeeResponse>(page.Items.Where(r => users.ContainsKey(r.UserId)).Select(r => new AttendeeResponse(
            Accounts.UserSummary.From(users[r.UserId]), r.Status, r.Status == RsvpStatus.Waiting ? waiting.IndexOf(r.UserId) + 1 : null, r.RespondedAt)).ToList(),
            page.NextCursor));
    }
}
