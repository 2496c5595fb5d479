using Enclave.Server.Audit;
using Enclave.Server.Data;
using Enclave.Server.Memberships;
using Enclave.Server.Posts;
using Enclave.Server.Posts.Attachments;
using Enclave.Server.Web;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Moderation;

/// <summary>
/// Carries out one moderation action: its effect, the action row, the audit entry, the closing of
/// the open reports about the same item and the notifications of the reporters (and of the person
/// warned or muted) all commit in one transaction. Live events and blob deletions follow the commit.
/// </summary>
public sealed class ModerationService(EnclaveDb db, AuditLog audit, MembershipService memberships, PostAttachments attachments,
    PostEvents events, ModerationNotices notices, TimeProvider clock)
{
    public async Task<ModerationResult> ApplyAsync(Moderator moderator, ModerationSubject subject, ModerationKind kind, ModerationRequest request,
        Report? report, CancellationToken cancellationToken)
    {
        if (ModerationRules.ContentKinds.Contains(kind) && !moderator.ModeratesSphere) throw Moderator.NotModerator();
        if (kind == ModerationKind.Ban && !moderator.ManagesOrganization)
            throw ProblemException.Forbidden("not_manager", "Only the organization's managers ban people from it.");
        if (ModerationRules.PersonKinds.Contains(kind) && subject.UserId == moderator.UserId)
            throw ProblemException.Conflict("cannot_moderate_self", "You cannot take this action against yourself.");
        var now = clock.GetUtcNow().UtcDateTime;
        var until = kind == ModerationKind.Mute ? now.AddHours(request.Hours!.Value) : (DateTime?)null;
        var action = new ModerationAction
        {
            Id = Ids.New(), OrganizationId = subject.OrganizationId, SphereId = subject.SphereId, ModeratorId = moderator.UserId, Kind = kind,
            TargetType = subject.Type, TargetId = subject.Id, TargetUserId = subject.UserId, ReportId = report?.Id,
            Message = string.IsNullOrWhiteSpace(request.Message) ? null : request.Message.Trim(), Until = until, CreatedAt = now,
        };
        Post? changedPost = null;
        IReadOnlyCollection<Guid>? audience = null;
        IReadOnlyList<StoredBlob> blobs = [];
        var notifications = new List<Notifications.Notification>();
        var closed = await db.InTransactionAsync(async () =>
        {
            switch (kind)
            {
                case ModerationKind.Hide or ModerationKind.Restore or ModerationKind.Delete when subject.Type == ReportTarget.Post:
                    (changedPost, audience, blobs) = await PostAsync(subject, kind, now, cancellationToken);
                    break;
                case ModerationKind.Hide or ModerationKind.Restore or ModerationKind.Delete:
                    changedPost = await CommentAsync(subject, kind, now, cancellationToken);
                    break;
                case ModerationKind.Mute:
                    var mute = await db.SphereMutes.FirstOrDefaultAsync(m => m.SphereId == subject.SphereId && m.UserId == subject.UserId, cancellationToken);
                    if (mute is null) db.SphereMutes.Add(mute = new SphereMute { Id = Ids.New(), OrganizationId = subject.OrganizationId, SphereId = subject.SphereId, UserId = subject.UserId });
                    mute.Until = until!.Value;
                    break;
                case ModerationKind.Remove:
                    await memberships.RemoveFromSphereAsync(subject.SphereId, subject.UserId, cancellationToken);
                    break;
                case ModerationKind.Ban:
                    await BanAsync(subject, now, cancellationToken);
                    break;
            }
            db.ModerationActions.Add(action);
            audit.Record(AuditCode(kind), moderator.UserId, new AuditTarget(SubjectUserId: subject.UserId, OrganizationId: subject.OrganizationId,
                SphereId: subject.SphereId, TargetType: subject.Type.ToString().ToLowerInvariant(), TargetId: subject.Id, Detail: until?.ToString("O")));
            if (kind is ModerationKind.Warn or ModerationKind.Mute) notifications.Add(notices.ToPerson(action));
            // Restoring reopens nothing and closes nothing: it undoes an earlier decision.
            var count = kind == ModerationKind.Restore ? 0 : await CloseReportsAsync(subject, kind, report, now, notifications, cancellationToken);
            db.Notifications.AddRange(notifications);
            return count;
        }, cancellationToken);
        await AnnounceAsync(subject, kind, changedPost, audience, blobs, notifications, cancellationToken);
        return new ModerationResult(action.Id, kind, subject.Type, subject.Id, closed, until);
    }

    /// <summary>Dismisses a report (and the other open reports of the same item): nothing is done to the content or the person.</summary>
    public async Task<ModerationResult> DismissAsync(Moderator moderator, Report report, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var subject = new ModerationSubject(report.TargetType, report.TargetId, report.OrganizationId, report.SphereId, report.TargetUserId, report.PostId);
        var notifications = new List<Notifications.Notification>();
        var action = new ModerationAction
        {
            Id = Ids.New(), OrganizationId = report.OrganizationId, SphereId = report.SphereId, ModeratorId = moderator.UserId, Kind = ModerationKind.Dismiss,
            TargetType = report.TargetType, TargetId = report.TargetId, TargetUserId = report.TargetUserId, ReportId = report.Id, CreatedAt = now,
        };
        var closed = await db.InTransactionAsync(async () =>
        {
            db.ModerationActions.Add(action);
            audit.Record(AuditActions.ReportDismissed, moderator.UserId, new AuditTarget(OrganizationId: report.OrganizationId, SphereId: report.SphereId,
                TargetType: "report", TargetId: report.Id));
            var count = await CloseReportsAsync(subject, ModerationKind.Dismiss, report, now, notifications, cancellationToken);
            db.Notifications.AddRange(notifications);
            return count;
        }, cancellationToken);
        await notices.PublishAsync(notifications, cancellationToken);
        return new ModerationResult(action.Id, ModerationKind.Dismiss, report.TargetType, report.TargetId, closed, null);
    }

    private async Task<(Post?, IReadOnlyCollection<Guid>?, IReadOnlyList<StoredBlob>)> PostAsync(ModerationSubject subject, ModerationKind kind, DateTime now, CancellationToken cancellationToken)
    {
        var post = await db.Posts.FirstOrDefaultAsync(p => p.Id == subject.Id, cancellationToken) ?? throw Gone();
        var audience = await events.AudienceAsync(post, cancellationToken);
        switch (kind)
        {
            case ModerationKind.Hide when post.HiddenAt is not null: throw ProblemException.Conflict("already_hidden", "This content is already hidden.");
            case ModerationKind.Restore when post.HiddenAt is null: throw ProblemException.Conflict("not_hidden", "This content is not hidden.");
            case ModerationKind.Hide: post.HiddenAt = now; return (post, audience, []);
            case ModerationKind.Restore: post.HiddenAt = null; return (post, audience, []);
        }
        var blobs = await attachments.RemoveForPostAsync(post.Id, cancellationToken);
        var deleted = await db.Posts.Where(p => p.Id == post.Id).ExecuteDeleteAsync(cancellationToken);
        if (deleted == 0) throw Gone();
        db.Entry(post).State = EntityState.Detached;
        return (post, audience, blobs);
    }

    private async Task<Post?> CommentAsync(ModerationSubject subject, ModerationKind kind, DateTime now, CancellationToken cancellationToken)
    {
        var comment = await db.Comments.FirstOrDefaultAsync(c => c.Id == subject.Id, cancellationToken) ?? throw Gone();
        var post = await db.Posts.AsNoTracking().FirstAsync(p => p.Id == comment.PostId, cancellationToken);
        var counted = comment.Status == CommentStatus.Published;
        // A hidden comment no longer counts on its post: the count must not reveal it.
        var delta = 0;
        switch (kind)
        {
            case ModerationKind.Hide when comment.HiddenAt is not null: throw ProblemException.Conflict("already_hidden", "This content is already hidden.");
            case ModerationKind.Restore when comment.HiddenAt is null: throw ProblemException.Conflict("not_hidden", "This content is not hidden.");
            case ModerationKind.Hide: comment.HiddenAt = now; delta = counted ? -1 : 0; break;
            case ModerationKind.Restore: comment.HiddenAt = null; delta = counted ? 1 : 0; break;
            default:
                delta = counted && comment.HiddenAt is null ? -1 : 0;
                await db.Reactions.Where(r => r.TargetId == comment.Id).ExecuteDeleteAsync(cancellationToken);
                if (await db.Comments.Where(c => c.Id == comment.Id).ExecuteDeleteAsync(cancellationToken) == 0) throw Gone();
                db.Entry(comment).State = EntityState.Detached;
                break;
        }
        if (delta != 0) await db.Posts.Where(p => p.Id == post.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.CommentCount, p => p.CommentCount + delta), cancellationToken);
        return post;
    }

    private async Task BanAsync(ModerationSubject subject, DateTime now, CancellationToken cancellationToken)
    {
        if (await db.OrganizationBans.AnyAsync(b => b.OrganizationId == subject.OrganizationId && b.UserId == subject.UserId, cancellationToken))
            throw ProblemException.Conflict("already_banned", "This person is already banned from the organization.");
        await memberships.RemoveFromOrganizationAsync(subject.OrganizationId, subject.UserId, cancellationToken);
        db.OrganizationBans.Add(new OrganizationBan { Id = Ids.New(), OrganizationId = subject.OrganizationId, UserId = subject.UserId, BannedAt = now });
    }

    /// <summary>Closes the acted-on report (409 if someone else closed it first) and every other open report of the same item.</summary>
    private async Task<int> CloseReportsAsync(ModerationSubject subject, ModerationKind kind, Report? report, DateTime now,
        List<Notifications.Notification> notifications, CancellationToken cancellationToken)
    {
        var status = kind == ModerationKind.Dismiss ? ReportStatus.Dismissed : ReportStatus.Handled;
        if (report is not null && await Close(db.Reports.Where(r => r.Id == report.Id)) == 0)
            throw ProblemException.Conflict("report_closed", "This report was already handled.");
        var others = await db.Reports.Where(r => r.TargetId == subject.Id && r.SphereId == subject.SphereId && r.Status == ReportStatus.Open)
            .Select(r => new { r.Id, r.ReporterId }).ToListAsync(cancellationToken);
        var ids = others.Select(o => o.Id).ToList();
        if (ids.Count > 0) await Close(db.Reports.Where(r => ids.Contains(r.Id)));
        var reporters = others.Select(o => (o.Id, o.ReporterId)).ToList();
        if (report is not null) reporters.Add((report.Id, report.ReporterId));
        notifications.AddRange(reporters.Select(r => notices.ToReporter(r.Id, r.ReporterId, subject.OrganizationId, now)));
        return reporters.Count;

        Task<int> Close(IQueryable<Report> query) => query.Where(r => r.Status == ReportStatus.Open).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Status, status).SetProperty(r => r.Outcome, kind).SetProperty(r => r.HandledAt, now)
            .SetProperty(r => r.OpenKey, (Guid?)null), cancellationToken);
    }

    private async Task AnnounceAsync(ModerationSubject subject, ModerationKind kind, Post? post, IReadOnlyCollection<Guid>? audience,
        IReadOnlyList<StoredBlob> blobs, List<Notifications.Notification> notifications, CancellationToken cancellationToken)
    {
        await attachments.DeleteBlobsAsync(blobs, CancellationToken.None);
        if (post is not null && post.FeedKey is not null)
        {
            if (subject.Type == ReportTarget.Post && kind is ModerationKind.Hide or ModerationKind.Delete) await events.PostDeletedAsync(post, audience, cancellationToken);
            else if (subject.Type == ReportTarget.Post) await events.PostChangedAsync("post.updated", post, cancellationToken);
            else await events.CommentChangedAsync(kind == ModerationKind.Restore ? "comment.updated" : "comment.deleted", post, subject.Id, cancellationToken);
        }
        await notices.PublishAsync(notifications, cancellationToken);
    }

    private static string AuditCode(ModerationKind kind) => kind switch
    {
        ModerationKind.Hide => AuditActions.ContentHidden,
        ModerationKind.Delete => AuditActions.ContentDeleted,
        ModerationKind.Restore => AuditActions.ContentRestored,
        ModerationKind.Warn => AuditActions.MemberWarned,
        ModerationKind.Mute => AuditActions.MemberMuted,
        ModerationKind.Remove => AuditActions.MemberRemovedByModerator,
        ModerationKind.Ban => AuditActions.MemberBanned,
        ModerationKind.Unban => AuditActions.MemberUnbanned,
        _ => AuditActions.ReportDismissed,
    };

    public static ProblemException Gone() => ProblemException.Conflict("content_gone", "This content was already deleted.");
}
