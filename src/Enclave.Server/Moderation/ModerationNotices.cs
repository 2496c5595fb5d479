using Enclave.Server.Data;
using Enclave.Server.Live;
using Enclave.Server.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Moderation;

/// <summary>
/// The notifications moderation writes. None names the moderator (no actor): a reporter learns
/// the outcome, a warned or muted member the moderators' words, never who decided. Rows are added
/// to the action's unit of work; <see cref="PublishAsync"/> pushes them live after the commit.
/// </summary>
public sealed class ModerationNotices(LivePublisher live)
{
    public Notification ToReporter(Guid reportId, Guid reporterId, Guid organizationId, DateTime now) => new()
    {
        // No sphere and no post: the reporter keeps the outcome even when the content is gone or hidden.
        Id = Ids.New(), UserId = reporterId, Kind = NotificationKind.ReportHandled, OrganizationId = organizationId, SubjectId = reportId, CreatedAt = now,
    };

    public Notification ToPerson(ModerationAction action) => new()
    {
        Id = Ids.New(), UserId = action.TargetUserId!.Value, OrganizationId = action.OrganizationId, SphereId = action.SphereId,
        Kind = action.Kind == ModerationKind.Mute ? NotificationKind.ModerationMute : NotificationKind.ModerationWarning,
        SubjectId = action.Id, CreatedAt = action.CreatedAt,
    };

    public async Task PublishAsync(IEnumerable<Notification> rows, CancellationToken cancellationToken)
    {
        foreach (var row in rows)
            await live.UserEventAsync("notification", row.UserId, new { id = row.Id, kind = row.Kind.ToString().ToLowerInvariant() }, cancellationToken, row.SphereId);
    }

    /// <summary>
    /// What the notification list shows for moderation notifications: the outcome of a report
    /// (<c>hide</c>, <c>delete</c>, <c>dismiss</c>...), the warning's message, or the end of a mute (ISO 8601).
    /// </summary>
    public static async Task<Dictionary<Guid, string>> DetailsAsync(EnclaveDb db, IReadOnlyList<Notification> items, CancellationToken cancellationToken)
    {
        var result = new Dictionary<Guid, string>();
        var reportIds = items.Where(n => n.Kind == NotificationKind.ReportHandled && n.SubjectId != null).Select(n => n.SubjectId!.Value).ToList();
        var actionIds = items.Where(n => n.Kind is NotificationKind.ModerationWarning or NotificationKind.ModerationMute && n.SubjectId != null)
            .Select(n => n.SubjectId!.Value).ToList();
        if (reportIds.Count == 0 && actionIds.Count == 0) return result;
        var outcomes = await db.Reports.AsNoTracking().Where(r => reportIds.Contains(r.Id) && r.Outcome != null)
            .ToDictionaryAsync(r => r.Id, r => r.Outcome!.Value, cancellationToken);
        var actions = await db.ModerationActions.AsNoTracking().Where(a => actionIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, cancellationToken);
        foreach (var n in items)
        {
            if (n.SubjectId is not { } subject) continue;
            if (n.Kind == NotificationKind.ReportHandled && outcomes.TryGetValue(subject, out var outcome)) result[n.Id] = outcome.ToString().ToLowerInvariant();
            else if (n.Kind == NotificationKind.ModerationWarning && actions.TryGetValue(subject, out var warning)) result[n.Id] = warning.Message ?? "";
            else if (n.Kind == NotificationKind.ModerationMute && actions.TryGetValue(subject, out var mute)) result[n.Id] = mute.Until?.ToString("O") ?? "";
        }
        return result;
    }
}
