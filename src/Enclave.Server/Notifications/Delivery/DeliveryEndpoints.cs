using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Notifications.Delivery;

/// <summary>Email delivery rules. <c>dailyMax</c>: 1, 2, 10 or 50 emails a day, null for unlimited.</summary>
public sealed record DeliveryRequest(string? TimeZone, List<DayOfWeek>? Days, int? StartHour, int? EndHour, DigestFrequency? Digest, int? DailyMax);

public sealed record DeliveryResponse(string TimeZone, List<DayOfWeek> Days, int StartHour, int EndHour, DigestFrequency Digest, int? DailyMax, DateTime? NextDigestAt);

public static class DeliveryEndpoints
{
    public static readonly int[] DailyMaxChoices = [1, 2, 10, 50];

    public static void MapNotificationDelivery(this RouteGroupBuilder api)
    {
        api.MapGet("/me/notification-delivery", Get).WithTags("Notifications");
        api.MapPut("/me/notification-delivery", Set).WithTags("Notifications");
        // RFC 8058 one-click: the mail client POSTs "List-Unsubscribe=One-Click" without any session.
        api.MapPost("/notifications/unsubscribe", Unsubscribe).WithTags("Notifications").DisableAntiforgery();
        api.MapNotificationChannels();
        api.MapEmailAddresses();
    }

    internal static async Task<Ok<DeliveryResponse>> Get(Viewer viewer, EnclaveDb db, CancellationToken ct)
    {
        var userId = viewer.Id;
        return TypedResults.Ok(View(await db.Set<DeliverySettings>().AsNoTracking().FirstOrDefaultAsync(s => s.UserId == userId, ct) ?? new DeliverySettings { UserId = userId }));
    }

    private static DeliveryResponse View(DeliverySettings s) => new(s.TimeZone,
        [.. Enum.GetValues<DayOfWeek>().OrderBy(d => ((int)d + 6) % 7).Where(d => (s.WindowDays & DeliveryWindow.Bit(d)) != 0)],
        s.WindowStartHour, s.WindowEndHour, s.Digest, s.DailyMax, s.NextDigestAt);

    internal static async Task<Ok<DeliveryResponse>> Set(DeliveryRequest request, Viewer viewer, EnclaveDb db, TimeProvider clock, CancellationToken ct)
    {
        var v = new Validation();
        v.Text("timeZone", request.TimeZone, 1, 64);
        if (!string.IsNullOrWhiteSpace(request.TimeZone) && request.TimeZone.Length <= 64 && !TimeZoneInfo.TryFindSystemTimeZoneById(request.TimeZone.Trim(), out _))
            v.Add("timeZone", "is not a known time zone (use an IANA name such as Europe/Paris).");
        if (request.Days is null || request.Days.Count == 0) v.Add("days", "must name at least one day.");
        if (request.StartHour is null) v.Add("startHour", "is required.");
        else if (request.StartHour is < 0 or > 23) v.Add("startHour", "must be between 0 and 23.");
        if (request.EndHour is null) v.Add("endHour", "is required.");
        else if (request.EndHour is < 1 or > 24) v.Add("endHour", "must be between 1 and 24.");
        else if (request.StartHour is { } start && request.EndHour <= start) v.Add("endHour", "must be after startHour.");
        v.Require("digest", request.Digest);
        if (request.DailyMax is { } max && !DailyMaxChoices.Contains(max)) v.Add("dailyMax", "must be 1, 2, 10, 50 or null (unlimited).");
        v.ThrowIfAny();
        var userId = viewer.Id;
        var now = clock.GetUtcNow().UtcDateTime;
        var settings = await db.Set<DeliverySettings>().FirstOrDefaultAsync(s => s.UserId == userId, ct);
        if (settings is null) db.Add(settings = new DeliverySettings { UserId = userId });
        var reschedule = settings.Digest != request.Digest || settings.TimeZone != request.TimeZone!.Trim() || settings.NextDigestAt is null;
        // A digest switched on covers what happens from now on, not years of old unread notifications.
        if (settings.Digest == DigestFrequency.Never && request.Digest != DigestFrequency.Never) settings.LastDigestAt ??= now;
        settings.TimeZone = request.TimeZone!.Trim();
        settings.WindowDays = request.Days!.Aggregate(0, (bits, day) => bits | DeliveryWindow.Bit(day));
        settings.WindowStartHour = request.StartHour!.Value;
        settings.WindowEndHour = request.EndHour!.Value;
        settings.Digest = request.Digest!.Value;
        settings.DailyMax = request.DailyMax;
        if (reschedule) settings.NextDigestAt = DeliveryWindow.NextDigest(settings, now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (db.Entry(settings).State == EntityState.Added)
        {
            // A parallel first save created the row (one per person): apply this request over it.
            db.ChangeTracker.Clear();
            return await Set(request, viewer, db, clock, ct);
        }
        return TypedResults.Ok(View(settings));
    }

    /// <summary>Turns the digest off for the account the signed token names. Idempotent; a bad token is a 400.</summary>
    internal static async Task<NoContent> Unsubscribe(string? token, MailLinks links, EnclaveDb db, CancellationToken ct)
    {
        if (links.ReadUnsubscribeToken(token) is not { } userId) throw new ProblemException(StatusCodes.Status400BadRequest, "unsubscribe_token_invalid",
            "This unsubscribe link is not valid.", new Dictionary<string, string[]> { ["token"] = ["is not a valid unsubscribe token."] });
        await db.Set<DeliverySettings>().Where(s => s.UserId == userId).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.Digest, DigestFrequency.Never).SetProperty(x => x.NextDigestAt, (DateTime?)null), ct);
        return TypedResults.NoContent();
    }
}
