using Enclave.Server.Organizations;
using Enclave.Server.Posts;
using Enclave.Server.Spheres;
using Enclave.Server.Web;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Access;

/// <summary>The gate's rules for sphere content: which posts and comments a viewer may see.</summary>
public sealed partial class AccessGate
{
    /// <summary>A post and the viewer's rights in its sphere, or 404 when the viewer may not see the post.</summary>
    public async Task<(SphereAccess Access, Post Post)> PostAsync(Viewer viewer, Guid postId, CancellationToken cancellationToken)
    {
        var post = await db.Posts.AsNoTracking().FirstOrDefaultAsync(p => p.Id == postId, cancellationToken) ?? throw ProblemException.NotFound("post");
        SphereAccess access;
        try
        {
            access = await SphereAsync(viewer, post.SphereId, cancellationToken);
        }
        catch (ProblemException e) when (e.Status == 404)
        {
            throw ProblemException.NotFound("post");
        }
        if (!access.CanRead || !await CanSeePostAsync(viewer, post, cancellationToken)) throw ProblemException.NotFound("post");
        // A post hidden by a moderator stays for the sphere's staff (to review or restore it), no one else.
        if (post.HiddenAt is not null && !access.ActsAsStaff) throw ProblemException.NotFound("post");
        return (access, post);
    }

    /// <summary>Within a readable sphere: published (or the viewer's own scheduled post), and public or addressed to the viewer.</summary>
    private async Task<bool> CanSeePostAsync(Viewer viewer, Post post, CancellationToken cancellationToken)
    {
        var isAuthor = viewer.UserId == post.AuthorId;
        if (post.FeedKey is null && !isAuthor) return false;
        if (!post.IsPrivate || isAuthor) return true;
        return viewer.UserId is { } userId &&
            await db.PostRecipients.AnyAsync(r => r.PostId == post.Id && r.UserId == userId, cancellationToken);
    }

    /// <summary>The posts of the given (already gated) spheres that the viewer may see: published, and public or addressed to them.</summary>
    /// <remarks>Posts hidden by a moderator are left out everywhere (feeds, search, notifications, unread counts); staff reach them by id.</remarks>
    public IQueryable<Post> VisiblePosts(Guid? userId) => ModeratedPosts(userId).Where(p => p.HiddenAt == null);

    /// <summary>As <see cref="VisiblePosts"/>, hidden posts included: for the moderation queue of a sphere the viewer moderates.</summary>
    public IQueryable<Post> ModeratedPosts(Guid? userId) =>
        db.Posts.Where(p => p.FeedKey != null &&
            (!p.IsPrivate || p.AuthorId == userId || db.PostRecipients.Any(r => r.PostId == p.Id && r.UserId == userId)));

    /// <summary>Spheres whose content the viewer reads: member spheres with every applicable charter accepted.</summary>
    public IQueryable<Sphere> ReadableSpheres(Guid userId) =>
        MemberSpheres(userId).Where(s =>
            (s.Charter == null || db.CharterAcceptances.Any(c => c.UserId == userId && c.SphereId == s.Id && c.Version == s.CharterVersion)) &&
            db.Organizations.Any(o => o.Id == s.OrganizationId &&
                (o.Charter == null ||
                 !db.OrganizationMembers.Any(m => m.OrganizationId == o.Id && m.UserId == userId) ||
                 db.CharterAcceptances.Any(c => c.UserId == userId && c.OrganizationId == o.Id && c.SphereId == null && c.Version == o.CharterVersion))));

    /// <summary>Which of these people are members of the sphere (explicitly, or implicitly in a global sphere).</summary>
    public Task<Dictionary<Guid, SphereRole>> MembersAmongAsync(SphereAccess access, IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken) =>
        MembersAmongAsync(access.Sphere, access.Organization.IsPersonal, userIds, cancellationToken);

    /// <summary>
    /// Which of these people read the sphere's content right now: members with every applicable
    /// charter accepted. Live events ask this at delivery time, so someone removed a moment ago
    /// receives nothing more.
    /// </summary>
    public async Task<Dictionary<Guid, SphereRole>> ReadersAmongAsync(Guid sphereId, IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken)
    {
        var sphere = await db.Spheres.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sphereId, cancellationToken);
        if (sphere is null || userIds.Count == 0) return [];
        var organization = await db.Organizations.AsNoTracking().FirstAsync(o => o.Id == sphere.OrganizationId, cancellationToken);
        var members = await MembersAmongAsync(sphere, organization.IsPersonal, userIds, cancellationToken);
        if (members.Count == 0 || (sphere.Charter is null && organization.Charter is null)) return members;
        var ids = members.Keys.ToList();
        var accepted = await db.CharterAcceptances.AsNoTracking()
            .Where(c => ids.Contains(c.UserId) && c.OrganizationId == organization.Id && (c.SphereId == sphereId || c.SphereId == null))
            .Select(c => new { c.UserId, c.SphereId, c.Version }).ToListAsync(cancellationToken);
        var insiders = organization.Charter is null ? [] : (await db.OrganizationMembers.AsNoTracking()
            .Where(m => m.OrganizationId == organization.Id && ids.Contains(m.UserId)).Select(m => m.UserId).ToListAsync(cancellationToken)).ToHashSet();
        return members.Where(m =>
                (sphere.Charter is null || accepted.Any(a => a.UserId == m.Key && a.SphereId == sphereId && a.Version == sphere.CharterVersion)) &&
                (organization.Charter is null || !insiders.Contains(m.Key) || accepted.Any(a => a.UserId == m.Key && a.SphereId == null && a.Version == organization.CharterVersion)))
            .ToDictionary(m => m.Key, m => m.Value);
    }

    private async Task<Dictionary<Guid, SphereRole>> MembersAmongAsync(Sphere sphere, bool personal, IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken)
    {
        var orgRoles = await db.OrganizationMembers.AsNoTracking()
            .Where(m => m.OrganizationId == sphere.OrganizationId && userIds.Contains(m.UserId))
            .ToDictionaryAsync(m => m.UserId, m => m.Role, cancellationToken);
        var rows = await db.SphereMembers.AsNoTracking().Where(m => m.SphereId == sphere.Id && userIds.Contains(m.UserId))
            .ToDictionaryAsync(m => m.UserId, m => m.Role, cancellationToken);
        // In a sphere restricted to verified members, unverified people's memberships are suspended.
        var verified = !sphere.VerifiedOnly ? null : (await db.Users.AsNoTracking()
            .Where(u => userIds.Contains(u.Id) && u.IdentityVerifiedAt != null).Select(u => u.Id).ToListAsync(cancellationToken)).ToHashSet();
        var result = new Dictionary<Guid, SphereRole>();
        foreach (var id in userIds)
        {
            if (verified is not null && !verified.Contains(id)) continue;
            var inOrganization = orgRoles.TryGetValue(id, out var orgRole);
            if (rows.TryGetValue(id, out var role) && (inOrganization || personal)) result[id] = role;
            else if (sphere.Type == SphereType.Global && inOrganization && orgRole is OrganizationRole.Manager or OrganizationRole.Member) result[id] = SphereRole.Member;
        }
        return result;
    }
}
