using Enclave.Server.Data;
using Enclave.Server.Live;
using Enclave.Server.Notifications.Delivery;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Notifications;

/// <summary>
/// Writes notifications for the people directly addressed, honouring their preferences (per
/// kind and channel; sphere over organization over account), pushes the in-app ones live and
/// queues the email ones for the dispatcher, in the same save.
/// </summary>
public sealed class Notifier(EnclaveDb db, LivePublisher live, TimeProvider clock, Preferences preferences)
{
    public async Task NotifyAsync(IEnumerable<Guid> userIds, NotificationKind kind, Guid actorId, Guid? organizationId, Guid? sphereId,
        Guid? postId, Guid? commentId, Guid? subjectId, CancellationToken cancellationToken)
    {
        var targets = userIds.Where(id => id != actorId).Distinct().ToList();
        if (targets.Count == 0) return;
        var channels = await preferences.ResolveAsync(targets, Preferences.KindOf(kind), organizationId, sphereId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = targets.Where(user => channels[user].InApp).Select(user => new Notification
        {
            Id = Ids.New(), UserId = user, Kind = kind, ActorId = actorId, OrganizationId = organizationId, SphereId = sphereId,
            PostId = postId, CommentId = commentId, SubjectId = subjectId, CreatedAt = now,
        }).ToList();
        var emails = targets.Where(user => channels[user].Email).Select(user => new QueuedEmail
        {
            Id = Ids.New(), UserId = user, Kind = kind, NotificationId = rows.FirstOrDefault(r => r.UserId == user)?.Id, ActorId = actorId,
            OrganizationId = organizationId, SphereId = sphereId, PostId = postId, CommentId = commentId, SubjectId = subjectId,
            CreatedAt = now, DueAt = now, Status = QueuedEmailStatus.Pending,
        }).ToList();
        if (rows.Count == 0 && emails.Count == 0) return;
        db.Notifications.AddRange(rows);
        db.Set<QueuedEmail>().AddRange(emails);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var row in rows)
            await live.UserEventAsync("notification", row.UserId, new { id = row.Id, kind = row.Kind.ToString().ToLowerInvariant(), sphereId, postId, commentId }, cancellationToken, sphereId);
    }

    /// <summary>People who asked to hear about every new post of the sphere (level "all"); they get a live nudge, not a row.</summary>
    public async Task NudgeFollowersAsync(Guid sphereId, Guid postId, Guid authorId, IReadOnlyCollection<Guid>? audience, CancellationToken cancellationToken)
    {
        var followers = await db.NotificationSettings.AsNoTracking()
            .Where(s => s.SphereId == sphereId && s.Level == NotificationLevel.All && s.UserId != authorId)
            .Select(s => s.UserId).OrderBy(u => u).Take(10_000).ToListAsync(cancellationToken);
        foreach (var follower in followers.Where(f => audience is null || audience.Contains(f)))
            await live.UserEventAsync("notification.post", follower, new { sphereId, postId }, cancellationToken, sphereId);
    }
}
