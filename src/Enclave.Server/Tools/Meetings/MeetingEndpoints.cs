using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Tools.Events;
using Enclave.Server.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Tools.Meetings;

/// <param name="Url">The room's address at the configured provider: whoever has it may join, so it is shown only through the gate.</param>
public sealed record MeetingResponse(string Url, DateTime CreatedAt);

/// <summary>
/// Video meeting links (no video of our own): a sphere's standing room, created or reset by its
/// administrators, and an event's room, created by its organizer. Resetting draws a new random
/// name, so an old link that went around stops leading to the room.
/// </summary>
public static class MeetingEndpoints
{
    public const string Noun = "meeting";

    public static void MapMeetings(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("").WithTags("Meetings");
        group.MapGet("/spheres/{id:guid}/meeting", Get).WithSummary("The sphere's video room link, for those who read the sphere.");
        group.MapPost("/spheres/{id:guid}/meeting", Reset).WithSummary("Create the sphere's video room, or replace it with a new random one (administrators).");
        group.MapDelete("/spheres/{id:guid}/meeting", Remove).WithSummary("Remove the sphere's video room (administrators).");
        group.MapPost("/events/{id:guid}/meeting", ResetForEvent).WithSummary("Give the event a video room, or a new one (organizer or sphere staff).");
        group.MapDelete("/events/{id:guid}/meeting", RemoveForEvent).WithSummary("Remove the event's video room (organizer or sphere staff).");
    }

    internal static async Task<Ok<MeetingResponse>> Get(Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, MeetingRooms rooms, CancellationToken cancellationToken)
    {
        await gate.ToolSphereAsync(viewer, id, Noun, cancellationToken);
        var row = await db.Set<SphereMeeting>().AsNoTracking().FirstOrDefaultAsync(m => m.SphereId == id, cancellationToken);
        if (row is null || rooms.Url(row.Room) is not { } url) throw ProblemException.NotFound(Noun);
        return TypedResults.Ok(new MeetingResponse(url, row.CreatedAt));
    }

    /// <summary>For pages: the sphere's room link when there is one and the feature is on; the caller has passed the gate.</summary>
    public static async Task<string?> SphereUrlAsync(Guid sphereId, EnclaveDb db, MeetingRooms rooms, CancellationToken cancellationToken) =>
        rooms.Url(await db.Set<SphereMeeting>().AsNoTracking().Where(m => m.SphereId == sphereId).Select(m => m.Room).FirstOrDefaultAsync(cancellationToken));

    internal static async Task<Ok<MeetingResponse>> Reset(Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, MeetingRooms rooms, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var access = await gate.ToolSphereAsync(viewer, id, Noun, cancellationToken);
        if (!access.CanAdminister || access.CharterPending) throw ProblemException.Forbidden("not_sphere_admin", "Only the sphere's administrators manage its video room.");
        RequireEnabled(rooms);
        var now = clock.GetUtcNow().UtcDateTime;
        var room = MeetingRooms.NewRoom();
        await db.InTransactionAsync(async () =>
        {
            await db.Set<SphereMeeting>().Where(m => m.SphereId == id).ExecuteDeleteAsync(cancellationToken);
            db.Add(new SphereMeeting { SphereId = id, OrganizationId = access.Sphere.OrganizationId, Room = room, CreatedById = viewer.Id, CreatedAt = now });
        }, cancellationToken);
        return TypedResults.Ok(new MeetingResponse(rooms.Url(room)!, now));
    }

    internal static async Task<NoContent> Remove(Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, CancellationToken cancellationToken)
    {
        var access = await gate.ToolSphereAsync(viewer, id, Noun, cancellationToken);
        if (!access.CanAdminister || access.CharterPending) throw ProblemException.Forbidden("not_sphere_admin", "Only the sphere's administrators manage its video room.");
        await db.Set<SphereMeeting>().Where(m => m.SphereId == id).ExecuteDeleteAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<Ok<MeetingResponse>> ResetForEvent(Guid id, Viewer viewer, EventService events, EnclaveDb db, MeetingRooms rooms,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var (access, ev) = await events.FindAsync(viewer, id, cancellationToken);
        EventService.RequireEditor(access, ev, viewer);
        RequireEnabled(rooms);
        var room = MeetingRooms.NewRoom();
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Set<CalendarEvent>().Where(e => e.Id == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.MeetingRoom, room)
            .SetProperty(e => e.Sequence, e => e.Sequence + 1).SetProperty(e => e.UpdatedAt, now), cancellationToken);
        await events.ChangedAsync(ev, cancellationToken);
        return TypedResults.Ok(new MeetingResponse(rooms.Url(room)!, now));
    }

    internal static async Task<NoContent> RemoveForEvent(Guid id, Viewer viewer, EventService events, EnclaveDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (access, ev) = await events.FindAsync(viewer, id, cancellationToken);
        EventService.RequireEditor(access, ev, viewer);
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Set<CalendarEvent>().Where(e => e.Id == id && e.MeetingRoom != null).ExecuteUpdateAsync(s => s.SetProperty(e => e.MeetingRoom, (string?)null)
            .SetProperty(e => e.Sequence, e => e.Sequence + 1).SetProperty(e => e.UpdatedAt, now), cancellationToken);
        await events.ChangedAsync(ev, cancellationToken);
        return TypedResults.NoContent();
    }

    private static void RequireEnabled(MeetingRooms rooms)
    {
        if (!rooms.Enabled) throw ProblemException.Conflict("meetings_not_configured", "Video meetings are not configured on this server (Meetings:BaseUrl).");
    }
}
