using Enclave.Server.Data;
using Enclave.Server.Live;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Notifications;

/// <summary>Writes notifications for the people directly addressed, honouring their per-sphere level, and pushes them live.</summary>
public sealed class Notifier(EnclaveDb db, LivePublisher live, TimeProvider clock)
{
    public async Task NotifyAsync(IEnumerable<Guid> userIds, NotificationKind kind, Guid actorId, Guid? organizationId, Guid? sphereId,
        Guid? postId, Guid? commentId, Guid? subjectId, CancellationToken cancellationToken)
    {
        var targets = userIds.Where(id => id != actorId).Distinct().ToList();
        if (targets.Count == 0) return;
        if (sphereId is { } sphere)
        {
            var muted = await db.NotificationSettings.AsNoTracking()
                .Where(s => s.SphereId == sphere && targets.Contains(s.UserId) && s.Level == NotificationLevel.Nothing)
                .Select(s => s.UserId).ToListAsync(cancellationToken);
            targets = targets.Except(muted).ToList();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = targets.Select(user => new Notification
        {
            Id = Ids.New(), UserId = user, Kind = kind, ActorId = actorId, OrganizationId = organizationId, SphereId = sphereId,
            PostId = postId, CommentId = commentId, SubjectId = subjectId, CreatedAt = now,
        }).ToList();
        if (rows.Count == 0) return;
        db.Notifications.AddRange(rows);
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
