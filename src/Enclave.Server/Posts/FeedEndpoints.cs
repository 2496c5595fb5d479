using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Live;
using Enclave.Server.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Posts;

public sealed record TagCount(string Tag, int Posts);

/// <summary>The home feed, read markers and unread counts, and a sphere's tags.</summary>
public static class FeedEndpoints
{
    public static void MapFeeds(this RouteGroupBuilder api)
    {
        api.MapGet("/feed", HomeFeed).WithTags("Feeds");
        api.MapPost("/feed/read", ReadAll).WithTags("Feeds");
        api.MapGet("/me/unread", Unread).WithTags("Feeds");
        api.MapPost("/spheres/{id:guid}/read", ReadSphere).WithTags("Feeds");
        api.MapGet("/spheres/{id:guid}/tags", Tags).WithTags("Feeds");
    }

    /// <summary>"What's new in all my spheres": newest first, each item labelled with its sphere and organization.</summary>
    internal static async Task<Ok<Page<PostResponse>>> HomeFeed(Guid? organizationId, string? cursor, int? limit, Viewer viewer, HomeFeed feed, CancellationToken cancellationToken) =>
        TypedResults.Ok(await feed.PageAsync(viewer, organizationId, cursor, limit, cancellationToken));

    internal static async Task<NoContent> ReadSphere(Guid id, ReadRequest? request, Viewer viewer, AccessGate gate, ReadMarkers markers, LivePublisher live, CancellationToken cancellationToken)
    {
        var access = await gate.SphereAsync(viewer, id, cancellationToken);
        if (!access.IsMember || !access.CanRead) throw ProblemException.NotFound("sphere");
        await markers.MarkAsync(viewer.Id, [access.Sphere], request?.UpTo, cancellationToken);
        // Other tabs and devices of the same person update their unread counts.
        await live.UserEventAsync("unread.changed", viewer.Id, new { sphereIds = new[] { id } }, cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<NoContent> ReadAll(Viewer viewer, AccessGate gate, ReadMarkers markers, LivePublisher live, CancellationToken cancellationToken)
    {
        var userId = viewer.Id;
        var spheres = await gate.ReadableSpheres(userId).AsNoTracking().ToListAsync(cancellationToken);
        await markers.MarkAsync(userId, spheres, null, cancellationToken);
        await live.UserEventAsync("unread.changed", userId, new { sphereIds = spheres.Select(s => s.Id) }, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>Unread posts per sphere I read (counted up to 99; <c>more</c> says there are more).</summary>
    internal static async Task<Ok<List<UnreadResponse>>> Unread(Guid? organizationId, Viewer viewer, ReadMarkers markers, CancellationToken cancellationToken) =>
        TypedResults.Ok(await markers.UnreadAsync(viewer.Id, organizationId, cancellationToken));

    internal static async Task<Ok<List<TagCount>>> Tags(Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, CancellationToken cancellationToken)
    {
        var access = await gate.SphereAsync(viewer, id, cancellationToken);
        if (!access.CanRead) throw ProblemException.NotFound("sphere");
        var visible = gate.VisiblePosts(viewer.UserId).Where(p => p.SphereId == id).Select(p => p.Id);
        // Ordered on an anonymous projection: EF Core cannot order by the members of a record built in the query.
        var tags = await db.PostTags.AsNoTracking().Where(t => t.SphereId == id && visible.Contains(t.PostId))
            .GroupBy(t => t.Tag).Select(g => new { Tag = g.Key, Posts = g.Count() }).OrderByDescending(t => t.Posts).ThenBy(t => t.Tag).Take(200).ToListAsync(cancellationToken);
        return TypedResults.Ok(tags.Select(t => new TagCount(t.Tag, t.Posts)).ToList());
    }
}
