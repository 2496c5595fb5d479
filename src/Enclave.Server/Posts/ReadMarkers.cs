using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Spheres;
using Enclave.Server.Web;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Posts;

/// <summary>Per-member read markers: unread counts without a row per reader per post.</summary>
public sealed class ReadMarkers(EnclaveDb db, AccessGate gate, TimeProvider clock)
{
    public const int CountCap = 99;

    /// <summary>Marks the spheres read up to a given post of theirs, or up to their newest post.</summary>
    public async Task MarkAsync(Guid userId, IReadOnlyList<Sphere> spheres, Guid? upToPostId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var sphere in spheres)
        {
            Guid? upTo;
            if (upToPostId is { } postId)
            {
                upTo = await gate.VisiblePosts(userId).Where(p => p.Id == postId && p.SphereId == sphere.Id).Select(p => p.FeedKey).FirstOrDefaultAsync(cancellationToken);
                if (upTo is null) Validation.Field("upTo", "is not a post of this sphere that you can see.");
            }
            else
            {
                upTo = await db.Posts.Where(p => p.SphereId == sphere.Id && p.FeedKey != null).OrderByDescending(p => p.FeedKey)
                    .Select(p => p.FeedKey).FirstOrDefaultAsync(cancellationToken);
            }
            if (upTo is not { } key) continue;
            var marker = await db.ReadMarkers.FirstOrDefaultAsync(m => m.UserId == userId && m.SphereId == sphere.Id, cancellationToken);
            if (marker is null)
                db.ReadMarkers.Add(new ReadMarker { Id = Ids.New(), OrganizationId = sphere.OrganizationId, SphereId = sphere.Id, UserId = userId, ReadUpTo = key, UpdatedAt = now });
            else if (marker.ReadUpTo.CompareTo(key) < 0 || upToPostId is not null)
            {
                marker.ReadUpTo = key;
                marker.UpdatedAt = now;
            }
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two tabs marked the same sphere read at once; either marker is right.
        }
    }

    public async Task<List<UnreadResponse>> UnreadAsync(Guid userId, Guid? organizationId, CancellationToken cancellationToken)
    {
        var spheres = gate.ReadableSpheres(userId).AsNoTracking();
        if (organizationId is { } org) spheres = spheres.Where(s => s.OrganizationId == org);
        var rows = await spheres.Select(s => new
        {
            s.Id,
            Marker = db.ReadMarkers.Where(m => m.SphereId == s.Id && m.UserId == userId).Select(m => (Guid?)m.ReadUpTo).FirstOrDefault(),
        }).ToListAsync(cancellationToken);
        var result = new List<UnreadResponse>(rows.Count);
        foreach (var row in rows)
        {
            var unread = gate.VisiblePosts(userId).Where(p => p.SphereId == row.Id && p.AuthorId != userId);
            if (row.Marker is { } marker) unread = unread.Where(p => p.FeedKey!.Value.CompareTo(marker) > 0);
            // Ordered on the (sphere, feed key) index: a capped count reads at most CountCap + 1 index entries.
            var count = await unread.OrderBy(p => p.FeedKey).Take(CountCap + 1).CountAsync(cancellationToken);
            result.Add(new UnreadResponse(row.Id, Math.Min(count, CountCap), count > CountCap));
        }
        return result;
    }
}
