using Enclave.Server.Access;
using Enclave.Server.Accounts;
using Enclave.Server.Data;
using Enclave.Server.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Moderation;

/// <summary>
/// One report in a queue. The reporter is not shown (protecting reporters from retaliation; the
/// audit trail keeps who reported). <see cref="Content"/> is visible, hidden or deleted; the excerpt
/// only appears for content the viewer may read (the sphere queue of its administrators).
/// </summary>
public sealed record ReportView(Guid Id, Guid SphereId, string SphereName, ReportTarget TargetType, Guid TargetId, Guid? PostId, UserSummary? TargetUser,
    ReportCategory Category, string? Text, ReportStatus Status, ModerationKind? Outcome, DateTime CreatedAt, DateTime? HandledAt, string Content, string? Excerpt);

public sealed record BanView(UserSummary User, DateTime BannedAt);

public static class ModerationQueues
{
    internal static async Task<Ok<Page<ReportView>>> SphereQueue(Guid id, string? status, string? cursor, int? limit, Viewer viewer, AccessGate gate, EnclaveDb db, CancellationToken cancellationToken)
    {
        var wanted = QueryEnum.Parse<ReportStatus>("status", status) ?? ReportStatus.Open;
        var moderator = await Moderator.ResolveAsync(viewer, id, gate, cancellationToken);
        var page = await db.Reports.AsNoTracking().Where(r => r.SphereId == id && r.Status == wanted)
            .ToPageAsync(r => r.Id, cursor, limit, r => r, cancellationToken);
        return TypedResults.Ok(new Page<ReportView>(await ViewsAsync(db, gate, viewer, page.Items, moderator.ModeratesSphere, cancellationToken), page.NextCursor));
    }

    /// <summary>Every report of the organization's spheres, for its managers; excerpts only from spheres they moderate themselves.</summary>
    internal static async Task<Ok<Page<ReportView>>> OrganizationQueue(Guid id, string? status, string? cursor, int? limit, Viewer viewer, AccessGate gate, EnclaveDb db, CancellationToken cancellationToken)
    {
        var wanted = QueryEnum.Parse<ReportStatus>("status", status) ?? ReportStatus.Open;
        await RequireManagerAsync(id, viewer, gate, cancellationToken);
        var page = await db.Reports.AsNoTracking().Where(r => r.OrganizationId == id && r.Status == wanted)
            .ToPageAsync(r => r.Id, cursor, limit, r => r, cancellationToken);
        return TypedResults.Ok(new Page<ReportView>(await ViewsAsync(db, gate, viewer, page.Items, false, cancellationToken), page.NextCursor));
    }

    internal static async Task<Ok<List<BanView>>> Bans(Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, CancellationToken cancellationToken)
    {
        await RequireManagerAsync(id, viewer, gate, cancellationToken);
        var bans = await db.OrganizationBans.AsNoTracking().Where(b => b.OrganizationId == id).OrderBy(b => b.BannedAt).Take(500)
            .Join(db.Users, b => b.UserId, u => u.Id, (b, u) => new { b.BannedAt, User = u }).ToListAsync(cancellationToken);
        return TypedResults.Ok(bans.Select(b => new BanView(UserSummary.From(b.User), b.BannedAt)).ToList());
    }

    internal static async Task RequireManagerAsync(Guid organizationId, Viewer viewer, AccessGate gate, CancellationToken cancellationToken)
    {
        var organization = await gate.OrganizationAsync(viewer, organizationId, cancellationToken);
        if (!organization.IsManager || organization.Organization.IsPersonal || organization.CharterPending)
            throw ProblemException.Forbidden("not_manager", "Only the organization's managers see its moderation queue.");
    }

    private static async Task<List<ReportView>> ViewsAsync(EnclaveDb db, AccessGate gate, Viewer viewer, IReadOnlyList<Report> reports, bool withExcerpts, CancellationToken cancellationToken)
    {
        var userIds = reports.Select(r => r.TargetUserId).Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, cancellationToken);
        var sphereIds = reports.Select(r => r.SphereId).Distinct().ToList();
        var spheres = await db.Spheres.AsNoTracking().Where(s => sphereIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var targetIds = reports.Select(r => r.TargetId).ToList();
        var posts = await db.Posts.AsNoTracking().Where(p => targetIds.Contains(p.Id)).Select(p => new { p.Id, p.HiddenAt }).ToDictionaryAsync(p => p.Id, cancellationToken);
        var comments = await db.Comments.AsNoTracking().Where(c => targetIds.Contains(c.Id)).Select(c => new { c.Id, c.HiddenAt }).ToDictionaryAsync(c => c.Id, cancellationToken);
        var excerpts = new Dictionary<Guid, string>();
        if (withExcerpts)
        {
            // Through the gate: only what the moderator may read (hidden content included, private posts only for their readers).
            var readable = gate.ModeratedPosts(viewer.UserId);
            foreach (var p in await readable.AsNoTracking().Where(p => targetIds.Contains(p.Id)).Select(p => new { p.Id, p.Body }).ToListAsync(cancellationToken))
                excerpts[p.Id] = Excerpt(p.Body);
            foreach (var c in await db.Comments.AsNoTracking().Where(c => targetIds.Contains(c.Id) && readable.Any(p => p.Id == c.PostId))
                         .Select(c => new { c.Id, c.Body }).ToListAsync(cancellationToken))
                excerpts[c.Id] = Excerpt(c.Body);
        }
        return reports.Select(r => new ReportView(r.Id, r.SphereId, spheres.GetValueOrDefault(r.SphereId, ""), r.TargetType, r.TargetId, r.PostId,
            users.TryGetValue(r.TargetUserId, out var u) ? UserSummary.From(u) : null, r.Category, r.Text, r.Status, r.Outcome, r.CreatedAt, r.HandledAt,
            r.TargetType switch
            {
                ReportTarget.Post => posts.TryGetValue(r.TargetId, out var p) ? (p.HiddenAt is null ? "visible" : "hidden") : "deleted",
                ReportTarget.Comment => comments.TryGetValue(r.TargetId, out var c) ? (c.HiddenAt is null ? "visible" : "hidden") : "deleted",
                _ => "visible",
            }, excerpts.GetValueOrDefault(r.TargetId))).ToList();
    }

    private static string Excerpt(string body) => body.Length <= 280 ? body : body[..280] + "…";
}
