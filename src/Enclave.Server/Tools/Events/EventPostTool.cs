using System.Globalization;
using System.Text.Json.Nodes;
using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Tools.Events;

/// <summary>Posts carry events into the feed (kind <c>event</c>): the card gives the times in UTC in its data; the web page shows them in the viewer's zone.</summary>
public sealed class EventPostTool(EnclaveDb db) : IPostTool
{
    public string Kind => "event";

    public Task<bool> CanAttachAsync(SphereAccess access, Guid authorId, Guid itemId, CancellationToken cancellationToken) =>
        db.Set<CalendarEvent>().AnyAsync(e => e.Id == itemId && e.SphereId == access.Sphere.Id, cancellationToken);

    public async Task<IReadOnlyDictionary<Guid, ToolCard>> CardsAsync(Viewer viewer, IReadOnlyCollection<Guid> itemIds, CancellationToken cancellationToken)
    {
        var events = await db.Set<CalendarEvent>().AsNoTracking().Where(e => itemIds.Contains(e.Id)).ToListAsync(cancellationToken);
        return events.ToDictionary(e => e.Id, e => new ToolCard(Kind, e.Id, e.Title,
            e.StartUtc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC" + (e.Place is null ? "" : " · " + e.Place),
            $"/events/{e.Id}", e.Status == EventStatus.Cancelled ? "cancelled" : null,
            new JsonObject
            {
                ["type"] = e.Type.ToString().ToLowerInvariant(),
                ["start"] = e.StartUtc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                ["end"] = e.EndUtc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                ["timeZone"] = e.TimeZone,
                ["status"] = e.Status.ToString().ToLowerInvariant(),
            }));
    }
}

/// <summary>What reminders and cancellations say: the event's title and its page.</summary>
public sealed class EventNotices(EnclaveDb db) : IToolNotices
{
    public IReadOnlyCollection<NotificationKind> Kinds { get; } = [NotificationKind.EventReminder, NotificationKind.EventCancelled];

    public async Task<IReadOnlyDictionary<Guid, ToolNotice>> DescribeAsync(Guid userId, IReadOnlyList<Notification> notifications, CancellationToken cancellationToken)
    {
        var ids = notifications.Where(n => n.SubjectId != null).Select(n => n.SubjectId!.Value).Distinct().ToList();
        var events = await db.Set<CalendarEvent>().AsNoTracking().Where(e => ids.Contains(e.Id))
            .Select(e => new { e.Id, e.SphereId, e.Title }).ToDictionaryAsync(e => e.Id, cancellationToken);
        var result = new Dictionary<Guid, ToolNotice>();
        foreach (var n in notifications)
            // The event must still be in the sphere the (gated) notification names.
            if (n.SubjectId is { } id && events.TryGetValue(id, out var e) && e.SphereId == n.SphereId)
                result[n.Id] = new ToolNotice(e.Title, $"/events/{e.Id}");
        return result;
    }
}
