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
    // Spheres per UNION ALL statement on SQLite, which keeps each statement small. PostgreSQL reads
    // every sphere in one LATERAL statement over the gated spheres' ids: it plans once whatever the
    // number of spheres, where a UNION plans a branch per sphere (docs/PERFORMANCE.md, fix 11).
    private const int SpheresPerQuery = 40;

    public async Task<Page<PostResponse>> PageAsync(Viewer viewer, Guid? organizationId, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var userId = viewer.Id;
        var take = Paging.Limit(limit);
        var before = Paging.Decode(cursor);
        var readable = await gate.ReadableSphereListAsync(userId, cancellationToken);
        var contexts = readable.Where(s => organizationId is not { } org || s.OrganizationId == org).ToDictionary(s => s.Id, s =>
            new PostContext(s.Name, s.OrganizationId, s.OrganizationName, s.Role is SphereRole.Administrator or SphereRole.Publisher, CanComment: true, s.PersonalOrganization));
        var visible = gate.VisiblePosts(userId).AsNoTracking();
        if (before is { } b) visible = visible.Where(p => p.FeedKey!.Value.CompareTo(b) < 0);
        var candidates = new List<Post>();
        if (contexts.Count > 0 && db.Database.IsNpgsql())
        {
            // One LATERAL statement over the spheres just read through the gate (docs/PERFORMANCE.md).
            var ids = contexts.Keys.ToList();
            candidates.AddRange(await LateralCandidates(db.Spheres.AsNoTracking().Where(s => ids.Contains(s.Id)), visible, take).ToListAsync(cancellationToken));
        }
        else
        {
            foreach (var batch in contexts.Keys.Chunk(SpheresPerQuery))
            {
                IQueryable<Post>? union = null;
                foreach (var sphereId in batch)
                {
                    var stream = visible.Where(p => p.SphereId == sphereId).OrderByDescending(p => p.FeedKey).Take(take + 1);
                    union = union is null ? stream : union.Concat(stream);
                }
                if (union is not null) candidates.AddRange(await union.ToListAsync(cancellationToken));
            }
        }
        var page = candidates.OrderByDescending(p => p.FeedKey).Take(take + 1).ToList();
        var next = page.Count > take ? Paging.Encode(page[take - 1].FeedKey!.Value) : null;
        return new Page<PostResponse>(await views.BuildAsync(page.Take(take).ToList(), viewer, contexts, cancellationToken), next);
    }

    /// <summary>
    /// The newest <paramref name="take"/> + 1 visible posts of the given (already gated) spheres, for
    /// PostgreSQL: <c>spheres JOIN LATERAL (… ORDER BY feed key DESC LIMIT n)</c>.
    /// </summary>
    /// <remarks>
    /// The inner projection of the outer sphere's id is load-bearing. Without it, EF Core lifts the
    /// correlation out of the subquery and turns the LIMIT into <c>ROW_NUMBER() OVER (PARTITION BY
    /// sphere)</c> joined on the sphere, which numbers every visible post of the platform (40 s a
    /// page on the 100,000-member world); a projection that reads the outer row cannot be lifted, so
    /// the subquery stays LATERAL: a short backward range of the (sphere, feed key) index per sphere.
    /// HomeFeedSqlShapeTests holds this shape in place.
    /// </remarks>
    internal static IQueryable<Post> LateralCandidates(IQueryable<Sphere> spheres, IQueryable<Post> visible, int take) =>
        spheres.SelectMany(s => visible.Where(p => p.SphereId == s.Id).OrderByDescending(p => p.FeedKey).Take(take + 1)
                .Select(p => new { Post = p, Sphere = s.Id }))
            .OrderByDescending(x => x.Post.FeedKey).Take(take + 1).Select(x => x.Post);
}
