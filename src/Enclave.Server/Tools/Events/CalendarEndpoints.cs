using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Tools.Events;

public sealed record CalendarFeedStatus(bool Active, DateTime? CreatedAt, DateTime? LastUsedAt);

/// <param name="Url">The secret address to give a calendar app; shown once, only its hash is kept.</param>
public sealed record CalendarFeedCreated(string Url, DateTime CreatedAt);

/// <summary>
/// iCalendar export: one event as a download (signed in, through the gate), and a personal secret
/// feed a calendar app subscribes to without signing in. The feed's token names its owner; the
/// events come from the spheres the owner reads at the moment of each fetch, so leaving a sphere
/// (or losing access to it) empties the feed of its events at once. Regenerating revokes the old URL.
/// </summary>
public static class CalendarEndpoints
{
    public const string TokenPrefix = "ecal_";
    public static readonly TimeSpan FeedPast = TimeSpan.FromDays(60);
    public static readonly TimeSpan FeedFuture = TimeSpan.FromDays(400);
    public const int FeedMax = 1000;

    public static void MapCalendar(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("").WithTags("Calendar");
        group.MapGet("/events/{id:guid}/event.ics", EventFile).WithSummary("One event as an iCalendar (RFC 5545) file.");
        group.MapGet("/calendar/feed", FeedStatus).WithSummary("Whether I have a personal calendar feed.");
        group.MapPost("/calendar/feed", NewFeed).WithSummary("Create my secret calendar feed URL, or replace it (the old URL stops working).");
        group.MapDelete("/calendar/feed", RevokeFeed).WithSummary("Revoke my calendar feed URL.");
        group.MapGet("/calendar/{token}.ics", Feed).AllowAnonymous()
            .WithSummary("A personal calendar feed (iCalendar): events of the spheres the feed's owner reads now. The secret URL is the credential.");
    }

    internal static async Task<FileContentHttpResult> EventFile(Guid id, Viewer viewer, EventService events, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        _ = viewer.Id;
        var (access, ev) = await events.FindAsync(viewer, id, cancellationToken);
        var text = ICalendarWriter.Write([Entry(ev, access.Sphere.Name)], clock.GetUtcNow().UtcDateTime, ev.Title);
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(text), ICalendarWriter.ContentType, $"event-{ev.Id:N}.ics");
    }

    internal static async Task<Ok<CalendarFeedStatus>> FeedStatus(Viewer viewer, EnclaveDb db, CancellationToken cancellationToken)
    {
        var me = viewer.Id;
        var row = await db.Set<CalendarFeedToken>().AsNoTracking().FirstOrDefaultAsync(t => t.UserId == me, cancellationToken);
        return TypedResults.Ok(new CalendarFeedStatus(row is not null, row?.CreatedAt, row?.LastUsedAt));
    }

    internal static async Task<Ok<CalendarFeedCreated>> NewFeed(Viewer viewer, EnclaveDb db, TimeProvider clock, PublicUrl publicUrl,
        HttpContext http, CancellationToken cancellationToken)
    {
        var me = viewer.Id;
        var token = Secrets.New(TokenPrefix);
        var now = clock.GetUtcNow().UtcDateTime;
        // Delete and insert in one transaction: the unique index on the owner settles two regenerations at once.
        await db.InTransactionAsync(async () =>
        {
            await db.Set<CalendarFeedToken>().Where(t => t.UserId == me).ExecuteDeleteAsync(cancellationToken);
            db.Add(new CalendarFeedToken { Id = Ids.New(), UserId = me, TokenHash = Secrets.Hash(token), CreatedAt = now });
        }, cancellationToken);
        return TypedResults.Ok(new CalendarFeedCreated(publicUrl.BaseFor(http.Request).TrimEnd('/') + $"/api/v1/calendar/{token}.ics", now));
    }

    internal static async Task<NoContent> RevokeFeed(Viewer viewer, EnclaveDb db, CancellationToken cancellationToken)
    {
        var me = viewer.Id;
        await db.Set<CalendarFeedToken>().Where(t => t.UserId == me).ExecuteDeleteAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<ContentHttpResult> Feed(string token, AccessGate gate, EnclaveDb db, TimeProvider clock,
        HttpContext http, CancellationToken cancellationToken)
    {
        if (!token.StartsWith(TokenPrefix, StringComparison.Ordinal) || token.Length > 100) throw ProblemException.NotFound("calendar");
        var hash = Secrets.Hash(token);
        var row = await db.Set<CalendarFeedToken>().AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash, cancellationToken)
            ?? throw ProblemException.NotFound("calendar");
        var owner = row.UserId;
        if (!await db.Users.AnyAsync(u => u.Id == owner && u.ClosedAt == null, cancellationToken)) throw ProblemException.NotFound("calendar");
        var now = clock.GetUtcNow().UtcDateTime;
        var from = now - FeedPast;
        var to = now + FeedFuture;
        var readable = gate.ReadableSpheres(owner).Select(s => s.Id);
        var events = await db.Set<CalendarEvent>().AsNoTracking()
            .Where(e => readable.Contains(e.SphereId) && e.EndUtc > from && e.StartUtc < to)
            .OrderBy(e => e.StartUtc).ThenBy(e => e.Id).Take(FeedMax).ToListAsync(cancellationToken);
        var sphereIds = events.Select(e => e.SphereId).Distinct().ToList();
        var names = await db.Spheres.AsNoTracking().Where(s => sphereIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        // Coarse: a calendar app polls often; one write per hour is enough to tell the owner the feed is in use.
        if (row.LastUsedAt is null || now - row.LastUsedAt > TimeSpan.FromHours(1))
            await db.Set<CalendarFeedToken>().Where(t => t.Id == row.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), cancellationToken);
        http.Response.Headers.CacheControl = "private, no-store";
        var text = ICalendarWriter.Write(events.Select(e => Entry(e, names.GetValueOrDefault(e.SphereId))), now, "Enclave");
        return TypedResults.Content(text, ICalendarWriter.ContentType);
    }

    public static CalendarEntry Entry(CalendarEvent e, string? sphereName) =>
        new(e.Id, e.Title, e.Description, e.StartUtc, e.EndUtc, e.TimeZone, e.Place ?? e.OnlineUrl, e.OnlineUrl, e.Status, e.Sequence, e.UpdatedAt, sphereName);
}
