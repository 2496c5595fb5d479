using Enclave.Server.Notifications;

namespace Enclave.Server.Tools;

/// <summary>What a tool's notification says and where it leads.</summary>
/// <param name="Detail">The item's title (a task, an event), shown in the notification's sentence.</param>
/// <param name="Url">The web page of the item.</param>
public sealed record ToolNotice(string Detail, string Url);

/// <summary>
/// A tool that writes notifications (reminders, assignments, messages) describes them here. The
/// notification list is already filtered through the gate by sphere; a tool leaves out items the
/// person may no longer see (a deleted event), and the notification then shows without detail.
/// </summary>
public interface IToolNotices
{
    IReadOnlyCollection<NotificationKind> Kinds { get; }

    /// <summary>Keyed by notification id; one query for the whole page.</summary>
    Task<IReadOnlyDictionary<Guid, ToolNotice>> DescribeAsync(Guid userId, IReadOnlyList<Notification> notifications, CancellationToken cancellationToken);
}
