using Enclave.Server.Access;
using Enclave.Server.Audit;
using Enclave.Server.Data;
using Enclave.Server.Posts;
using Enclave.Server.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Moderation;

public sealed record ReportRequest(ReportCategory? Category, string? Text);

public sealed record ReportCreated(Guid Id, ReportTarget TargetType, Guid TargetId, ReportCategory Category, ReportStatus Status, DateTime CreatedAt);

/// <summary>
/// Reporting: whoever sees a post, a comment or a sphere member reports it. What the reporter may
/// not see answers 404 through the gate, so a report never confirms that something exists.
/// </summary>
public static class ReportEndpoints
{
    public static void MapReports(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("").WithTags("Moderation");
        group.MapPost("/posts/{id:guid}/reports", ReportPost);
        group.MapPost("/comments/{id:guid}/reports", ReportComment);
        group.MapPost("/spheres/{id:guid}/members/{userId:guid}/reports", ReportMember);
    }

    internal static async Task<Created<ReportCreated>> ReportPost(Guid id, ReportRequest request, Viewer viewer, AccessGate gate, EnclaveDb db, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        Validate(request);
        var (access, post) = await gate.PostAsync(viewer, id, cancellationToken);
        RequireMember(access);
        return await SaveAsync(new Report
        {
            OrganizationId = post.OrganizationId, SphereId = post.SphereId, TargetType = ReportTarget.Post, TargetId = post.Id,
            TargetUserId = post.AuthorId, PostId = post.Id,
        }, request, viewer, db, audit, clock, cancellationToken);
    }

    internal static async Task<Created<ReportCreated>> ReportComment(Guid id, ReportRequest request, Viewer viewer, AccessGate gate, EnclaveDb db, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        Validate(request);
        var (access, comment) = await CommentEndpoints.FindAsync(id, viewer, gate, db, cancellationToken);
        RequireMember(access);
        return await SaveAsync(new Report
        {
            OrganizationId = comment.OrganizationId, SphereId = comment.SphereId, TargetType = ReportTarget.Comment, TargetId = comment.Id,
            TargetUserId = comment.AuthorId, PostId = comment.PostId,
        }, request, viewer, db, audit, clock, cancellationToken);
    }

    internal static async Task<Created<ReportCreated>> ReportMember(Guid id, Guid userId, ReportRequest request, Viewer viewer, AccessGate gate, EnclaveDb db, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        Validate(request);
        var access = await gate.SphereAsync(viewer, id, cancellationToken);
        RequireMember(access);
        // The person must be someone the reporter can see in this sphere; anyone else is "not found".
        var members = await gate.MembersAmongAsync(access, [userId], cancellationToken);
        if (!members.ContainsKey(userId) || !await gate.CanSeeUserAsync(viewer, userId, cancellationToken)) throw ProblemException.NotFound("member");
        if (userId == viewer.Id) throw ProblemException.Conflict("cannot_report_self", "You cannot report yourself.");
        return await SaveAsync(new Report
        {
            OrganizationId = access.Sphere.OrganizationId, SphereId = id, TargetType = ReportTarget.Person, TargetId = userId, TargetUserId = userId,
        }, request, viewer, db, audit, clock, cancellationToken);
    }

    private static void Validate(ReportRequest request) =>
        new Validation().Require("category", request.Category).OptionalText("text", request.Text, ReportConfiguration.MaxText).ThrowIfAny();

    /// <summary>Reporting is for the sphere's readers who belong to it (a public sphere's passers-by have no say here).</summary>
    private static void RequireMember(SphereAccess access)
    {
        if (!access.CanRead) throw ProblemException.NotFound("sphere");
        if (!access.IsMember) throw ProblemException.Forbidden("not_member", "Only the sphere's members report.");
    }

    private static async Task<Created<ReportCreated>> SaveAsync(Report report, ReportRequest request, Viewer viewer, EnclaveDb db, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        report.Id = Ids.New();
        report.ReporterId = viewer.Id;
        report.Category = request.Category!.Value;
        report.Text = string.IsNullOrWhiteSpace(request.Text) ? null : request.Text.Trim();
        report.Status = ReportStatus.Open;
        report.OpenKey = report.TargetId;
        report.CreatedAt = clock.GetUtcNow().UtcDateTime;
        var reporterId = viewer.Id;
        if (await db.Reports.AnyAsync(r => r.ReporterId == reporterId && r.OpenKey == report.TargetId, cancellationToken)) throw AlreadyReported();
        db.Reports.Add(report);
        audit.Record(AuditActions.ReportCreated, viewer.Id, new AuditTarget(OrganizationId: report.OrganizationId, SphereId: report.SphereId,
            TargetType: report.TargetType.ToString().ToLowerInvariant(), TargetId: report.TargetId, Detail: report.Category.ToString().ToLowerInvariant()));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A concurrent identical report won the unique index (reporter, open key).
            throw AlreadyReported();
        }
        return TypedResults.Created($"/api/v1/moderation/reports/{report.Id}",
            new ReportCreated(report.Id, report.TargetType, report.TargetId, report.Category, report.Status, report.CreatedAt));
    }

    private static ProblemException AlreadyReported() =>
        ProblemException.Conflict("already_reported", "You already reported this; the moderators have it.");
}
