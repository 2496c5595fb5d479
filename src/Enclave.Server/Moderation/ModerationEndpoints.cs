using Enclave.Server.Access;
using Enclave.Server.Audit;
using Enclave.Server.Data;
using Enclave.Server.Posts;
using Enclave.Server.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Moderation;

/// <summary>Moderation actions, on a report or directly on a post, a comment or a sphere member; and an organization's bans.</summary>
public static class ModerationEndpoints
{
    public static void MapModeration(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("").WithTags("Moderation");
        group.MapGet("/spheres/{id:guid}/moderation/reports", ModerationQueues.SphereQueue);
        group.MapGet("/organizations/{id:guid}/moderation/reports", ModerationQueues.OrganizationQueue);
        group.MapPost("/moderation/reports/{id:guid}/actions", ActOnReport);
        group.MapPost("/moderation/reports/{id:guid}/dismiss", Dismiss);
        group.MapPost("/posts/{id:guid}/moderation", ActOnPost);
        group.MapPost("/comments/{id:guid}/moderation", ActOnComment);
        group.MapPost("/spheres/{id:guid}/members/{userId:guid}/moderation", ActOnMember);
        group.MapGet("/organizations/{id:guid}/bans", ModerationQueues.Bans);
        group.MapDelete("/organizations/{id:guid}/bans/{userId:guid}", Unban);
    }

    internal static async Task<Ok<ModerationResult>> ActOnReport(Guid id, ModerationRequest request, Viewer viewer, AccessGate gate, EnclaveDb db, ModerationService moderation, CancellationToken cancellationToken)
    {
        var (report, moderator) = await FindReportAsync(id, viewer, gate, db, cancellationToken);
        var allowed = report.TargetType == ReportTarget.Person ? ModerationRules.PersonKinds : [.. ModerationRules.ContentKinds.Where(k => k != ModerationKind.Restore), .. ModerationRules.PersonKinds];
        var kind = ModerationRules.Parse(request, allowed);
        var subject = new ModerationSubject(report.TargetType, report.TargetType == ReportTarget.Person ? report.TargetUserId : report.TargetId,
            report.OrganizationId, report.SphereId, report.TargetUserId, report.PostId);
        if (ModerationRules.ContentKinds.Contains(kind))
        {
            // The moderator must see the content (a private post is for its readers only); gone content is a clear 409.
            if (!await ContentExistsAsync(db, report, cancellationToken)) throw ModerationService.Gone();
            await RequireVisibleAsync(report.TargetType, report.TargetId, viewer, gate, db, cancellationToken);
        }
        return TypedResults.Ok(await moderation.ApplyAsync(moderator, subject, kind, request, report, cancellationToken));
    }

    internal static async Task<Ok<ModerationResult>> Dismiss(Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, ModerationService moderation, CancellationToken cancellationToken)
    {
        var (report, moderator) = await FindReportAsync(id, viewer, gate, db, cancellationToken);
        if (report.Status != ReportStatus.Open) throw ProblemException.Conflict("report_closed", "This report was already handled.");
        return TypedResults.Ok(await moderation.DismissAsync(moderator, report, cancellationToken));
    }

    internal static async Task<Ok<ModerationResult>> ActOnPost(Guid id, ModerationRequest request, Viewer viewer, AccessGate gate, ModerationService moderation, CancellationToken cancellationToken)
    {
        var kind = ModerationRules.Parse(request, [.. ModerationRules.ContentKinds, .. ModerationRules.PersonKinds]);
        var (_, post) = await gate.PostAsync(viewer, id, cancellationToken);
        var moderator = await Moderator.ResolveAsync(viewer, post.SphereId, gate, cancellationToken);
        var subject = ModerationRules.ContentKinds.Contains(kind)
            ? new ModerationSubject(ReportTarget.Post, post.Id, post.OrganizationId, post.SphereId, post.AuthorId, post.Id)
            : new ModerationSubject(ReportTarget.Person, post.AuthorId, post.OrganizationId, post.SphereId, post.AuthorId, null);
        return TypedResults.Ok(await moderation.ApplyAsync(moderator, subject, kind, request, null, cancellationToken));
    }

    internal static async Task<Ok<ModerationResult>> ActOnComment(Guid id, ModerationRequest request, Viewer viewer, AccessGate gate, EnclaveDb db, ModerationService moderation, CancellationToken cancellationToken)
    {
        var kind = ModerationRules.Parse(request, [.. ModerationRules.ContentKinds, .. ModerationRules.PersonKinds]);
        var (_, comment) = await CommentEndpoints.FindAsync(id, viewer, gate, db, cancellationToken);
        var moderator = await Moderator.ResolveAsync(viewer, comment.SphereId, gate, cancellationToken);
        var subject = ModerationRules.ContentKinds.Contains(kind)
            ? new ModerationSubject(ReportTarget.Comment, comment.Id, comment.OrganizationId, comment.SphereId, comment.AuthorId, comment.PostId)
            : new ModerationSubject(ReportTarget.Person, comment.AuthorId, comment.OrganizationId, comment.SphereId, comment.AuthorId, null);
        return TypedResults.Ok(await moderation.ApplyAsync(moderator, subject, kind, request, null, cancellationToken));
    }

    internal static async Task<Ok<ModerationResult>> ActOnMember(Guid id, Guid userId, ModerationRequest request, Viewer viewer, AccessGate gate, ModerationService moderation, CancellationToken cancellationToken)
    {
        var kind = ModerationRules.Parse(request, ModerationRules.PersonKinds);
        var moderator = await Moderator.ResolveAsync(viewer, id, gate, cancellationToken);
        var access = await gate.SphereAsync(viewer, id, cancellationToken);
        // Warn, mute and remove concern the sphere's members; a ban also reaches someone already out of the sphere but seen by the manager.
        var isMember = (await gate.MembersAmongAsync(access, [userId], cancellationToken)).ContainsKey(userId);
        if (!(isMember || (kind == ModerationKind.Ban && await gate.CanSeeUserAsync(viewer, userId, cancellationToken)))) throw ProblemException.NotFound("member");
        var subject = new ModerationSubject(ReportTarget.Person, userId, access.Sphere.OrganizationId, id, userId, null);
        return TypedResults.Ok(await moderation.ApplyAsync(moderator, subject, kind, request, null, cancellationToken));
    }

    internal static async Task<NoContent> Unban(Guid id, Guid userId, Viewer viewer, AccessGate gate, EnclaveDb db, AuditLog audit, CancellationToken cancellationToken)
    {
        var organization = await gate.OrganizationAsync(viewer, id, cancellationToken);
        if (!organization.IsManager) throw ProblemException.Forbidden("not_manager", "Only the organization's managers ban people from it.");
        var ban = await db.OrganizationBans.FirstOrDefaultAsync(b => b.OrganizationId == id && b.UserId == userId, cancellationToken) ?? throw ProblemException.NotFound("ban");
        db.OrganizationBans.Remove(ban);
        audit.Record(AuditActions.MemberUnbanned, viewer.Id, new AuditTarget(SubjectUserId: userId, OrganizationId: id, TargetType: "user", TargetId: userId));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>A report the viewer moderates: its sphere's administrators, its organization's managers; anyone else gets 404.</summary>
    internal static async Task<(Report, Moderator)> FindReportAsync(Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, CancellationToken cancellationToken)
    {
        var report = await db.Reports.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken) ?? throw ProblemException.NotFound("report");
        try
        {
            return (report, await Moderator.ResolveAsync(viewer, report.SphereId, gate, cancellationToken));
        }
        catch (ProblemException e) when (e.Status is 403 or 404)
        {
            throw ProblemException.NotFound("report");
        }
    }

    private static async Task<bool> ContentExistsAsync(EnclaveDb db, Report report, CancellationToken cancellationToken) => report.TargetType switch
    {
        ReportTarget.Post => await db.Posts.AnyAsync(p => p.Id == report.TargetId, cancellationToken),
        ReportTarget.Comment => await db.Comments.AnyAsync(c => c.Id == report.TargetId, cancellationToken),
        _ => true,
    };

    private static async Task RequireVisibleAsync(ReportTarget type, Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, CancellationToken cancellationToken)
    {
        if (type == ReportTarget.Post) await gate.PostAsync(viewer, id, cancellationToken);
        else if (type == ReportTarget.Comment) await CommentEndpoints.FindAsync(id, viewer, gate, db, cancellationToken);
    }
}
