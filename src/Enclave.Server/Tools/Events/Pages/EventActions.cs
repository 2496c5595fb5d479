using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Tools.Meetings;
using Enclave.Server.Ui;
using Enclave.Server.Web;
using Microsoft.AspNetCore.Mvc;

namespace Enclave.Server.Tools.Events.Pages;

/// <summary>The events pages' form actions: each calls the API's handler (same gate, same rules), then goes back to the page (303).</summary>
public static class EventActions
{
    public static void MapEventActions(RouteGroupBuilder ui)
    {
        ui.MapPost("/events/{id:guid}/rsvp", async (Guid id, [FromForm] string? response, [FromForm] string? returnUrl, Viewer viewer, AccessGate gate,
            EventService events, Rsvps rsvps, HttpContext http, CancellationToken ct) =>
        {
            var wanted = Enum.TryParse<RsvpStatus>(response, true, out var r) && r != RsvpStatus.Waiting ? r : (RsvpStatus?)null;
            await EventEndpoints.Answer(id, new RsvpRequest(wanted), viewer, gate, events, rsvps, ct);
            return UiActions.Back(http, returnUrl ?? $"/events/{id}");
        });
        ui.MapPost("/events/{id:guid}/cancel", async (Guid id, [FromForm] string? returnUrl, Viewer viewer, EventService events, HttpContext http, CancellationToken ct) =>
        {
            await events.CancelAsync(id, viewer, ct);
            return UiActions.Back(http, returnUrl ?? $"/events/{id}");
        });
        ui.MapPost("/events/{id:guid}/delete", async (Guid id, Viewer viewer, EventService events, HttpContext http, CancellationToken ct) =>
        {
            var (_, ev) = await events.FindAsync(viewer, id, ct);
            await events.DeleteAsync(id, viewer, ct);
            return UiActions.Back(http, $"/s/{ev.SphereId}/events");
        });
        ui.MapPost("/events/{id:guid}/meeting", async (Guid id, [FromForm] string? returnUrl, Viewer viewer, EventService events, EnclaveDb db, MeetingRooms rooms,
            TimeProvider clock, HttpContext http, CancellationToken ct) =>
        {
            await MeetingEndpoints.ResetForEvent(id, viewer, events, db, rooms, clock, ct);
            return UiActions.Back(http, returnUrl ?? $"/events/{id}");
        });
        ui.MapPost("/spheres/{id:guid}/meeting", async (Guid id, [FromForm] string? returnUrl, Viewer viewer, AccessGate gate, EnclaveDb db, MeetingRooms rooms,
            TimeProvider clock, HttpContext http, CancellationToken ct) =>
        {
            await MeetingEndpoints.Reset(id, viewer, gate, db, rooms, clock, ct);
            return UiActions.Back(http, returnUrl ?? $"/s/{id}/events");
        });
        ui.MapPost("/events/{id:guid}/share", async (Guid id, Viewer viewer, EventService events, Posts.PostService posts, Posts.PostEvents postEvents,
            HttpContext http, CancellationToken ct) =>
        {
            var (access, ev) = await events.FindAsync(viewer, id, ct);
            if (!access.CanPost) throw ProblemException.Forbidden("cannot_post", "You cannot publish in this sphere.");
            var post = await posts.CreateAsync(access, viewer, new Posts.CreatePostRequest(ev.Title, null, null, null, null, null, null, new ToolReference("event", ev.Id)), null, ct);
            await postEvents.PostCreatedAsync(post, ct);
            return UiActions.Back(http, $"/s/{ev.SphereId}");
        });
        ui.MapPost("/calendar/feed", async (Viewer viewer, EnclaveDb db, TimeProvider clock, PublicUrl publicUrl, HttpContext http, CancellationToken ct) =>
        {
            var created = (await CalendarEndpoints.NewFeed(viewer, db, clock, publicUrl, http, ct)).Value!;
            // Shown once on the agenda page: the server keeps only its hash.
            http.Response.Cookies.Append(FeedUrlCookie, created.Url, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/agenda",
                Secure = http.Request.IsHttps, MaxAge = TimeSpan.FromMinutes(5) });
            return UiActions.Back(http, "/agenda");
        });
        ui.MapPost("/calendar/feed/revoke", async (Viewer viewer, EnclaveDb db, HttpContext http, CancellationToken ct) =>
        {
            await CalendarEndpoints.RevokeFeed(viewer, db, ct);
            http.Response.Cookies.Delete(FeedUrlCookie, new CookieOptions { Path = "/agenda" });
            return UiActions.Back(http, "/agenda");
        });
    }

    public const string FeedUrlCookie = "enclave_feed_url";
}
