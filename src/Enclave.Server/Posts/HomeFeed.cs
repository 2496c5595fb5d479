using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Spheres;
using Enclave.Server.Web;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Posts;

/// <summary>
/// The home feed merges per-sphere streams: for each readable sphere, the newest posts before the
/// cursor come from the (sphere, feed key) index with a LIMIT, and only those few rows are merged.
/// Nothing scans all posts of all spheres.
/// </summary>
public sealed class HomeFeed(EnclaveDb db, AccessGate gate, PostViewBuilder views)
{
    // Spheres per UNION ALL query: keeps each statement small for both engines.
    private const int SpheresPerQuery = 40;

    public async Task<Page<PostResponse>> PageAsync(Viewer viewer, Guid? organizationId, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var userId = viewer.Id;
        var take = Paging.Limit(limit);
        var before = Paging.Decode(cursor);
        var spheres = gate.ReadableSpheres(userId).AsNoTracking();
        if (organizationId is { } org) spheres = spheres.Where(s => s.OrganizationId == org);
        var contexts = await ContextsAsync(spheres, userId, cancellationToken);

        var candidates = new List<Post>();
        foreach (var batch in contexts.Keys.Chunk(SpheresPerQuery))
        {
            IQueryable<Post>? union = null;
            foreach (var sphereId in batch)
            {
                var stream = gate.VisiblePosts(userId).AsNoTracking().Where(p => p.SphereId == sphereId);
                if (before is { } b) stream = stream.Where(p => p.FeedKey!.Value.CompareTo(b) < 0);
                stream = stream.OrderByDescending(p => p.FeedKey).Take(take + 1);
                union = union is null ? stream : union.Concat(stream);
            }
            if (union is not null) candidates.AddRange(await union.ToListAsync(cancellationToken));
        }
        var page = candidates.OrderByDescending(p => p.FeedKey).Take(take + 1).ToList();
        var next = page.Count > take ? Paging.Encode(page[take - 1].FeedKey!.Value) : null;
        return new Page<PostResponse>(await views.BuildAsync(page.Take(take).ToList(), viewer, contexts, cancellationToken), next);
    }

    /// <summary>Labels and rights for the readable spheres in one query.</summary>
    private async Task<Dictionary<Guid, PostContext>> ContextsAsync(IQueryable<Sphere> spheres, Guid userId, CancellationToken cancellationToken)
    {
        var rows = await spheres.Select(s => new
        {
            s.Id,
            s.Name,
            s.OrganizationId,
            OrganizationName = db.Organizations.Where(o => o.Id == s.OrganizationId).Select(o => o.Name).First(),
            Personal = db.Organizations.Where(o => o.Id == s.OrganizationId).Select(o => o.IsPersonal).First(),
            Role = db.SphereMembers.Where(m => m.SphereId == s.Id && m.UserId == userId).Select(m => (SphereRole?)m.Role).FirstOrDefault(),
        }).ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Id, r => new PostContext(r.Name, r.OrganizationId, r.OrganizationName,
            r.Role is SphereRole.Administrator or SphereRole.Publisher, CanComment: true, r.Personal));
    }
}
