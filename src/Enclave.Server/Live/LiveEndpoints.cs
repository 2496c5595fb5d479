using Enclave.Server.Access;
using Enclave.Server.Web;

namespace Enclave.Server.Live;

public static class LiveEndpoints
{
    /// <summary>
    /// <c>GET /api/v1/events</c>: one Server-Sent Events stream per signed-in user. Reconnect with the
    /// <c>Last-Event-ID</c> header (or <c>?lastEventId=</c>) to replay what was missed within the retention window.
    /// </summary>
    public static void MapLive(this RouteGroupBuilder api)
    {
        api.MapGet("/events", (Viewer viewer, HttpContext http, string? lastEventId, LiveHub hub, CancellationToken cancellationToken) =>
        {
            var userId = viewer.Id;
            var last = http.Request.Headers["Last-Event-ID"].FirstOrDefault() ?? lastEventId;
            Guid? after = null;
            if (!string.IsNullOrEmpty(last))
            {
                if (!Guid.TryParse(last, out var parsed)) Validation.Field("Last-Event-ID", "is not an event id from this stream.");
                after = parsed;
            }
            http.Response.Headers.CacheControl = "no-cache";
            http.Response.Headers["X-Accel-Buffering"] = "no";
            return TypedResults.ServerSentEvents(hub.StreamAsync(userId, after, cancellationToken));
        }).WithTags("Live events");
    }
}
