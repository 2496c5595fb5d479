using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Posts;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Tools.Ads;

/// <summary>Ads with their posts for one viewer, in a few queries per page (the post views are built in one batch).</summary>
public sealed class AdViews(EnclaveDb db, PostViewBuilder posts)
{
    public async Task<AdResponse> BuildOneAsync(Ad ad, Post post, SphereAccess access, Viewer viewer, CancellationToken cancellationToken) =>
        Map(ad, await posts.BuildOneAsync(post, access, viewer, cancellationToken), access, viewer, post.AuthorId);

    public async Task<IReadOnlyList<AdResponse>> BuildAsync(IReadOnlyList<Ad> ads, SphereAccess access, Viewer viewer, CancellationToken cancellationToken)
    {
        if (ads.Count == 0) return [];
        var ids = ads.Select(a => a.PostId).ToList();
        var rows = await db.Posts.AsNoTracking().Where(p => ids.Contains(p.Id)).ToListAsync(cancellationToken);
        var contexts = new Dictionary<Guid, PostContext> { [access.Sphere.Id] = PostContext.From(access) };
        var views = (await posts.BuildAsync(rows, viewer, contexts, cancellationToken)).ToDictionary(p => p.Id);
        var authors = rows.ToDictionary(p => p.Id, p => p.AuthorId);
        return ads.Where(a => views.ContainsKey(a.PostId)).Select(a => Map(a, views[a.PostId], access, viewer, authors[a.PostId])).ToList();
    }

    private static AdResponse Map(Ad ad, PostResponse post, SphereAccess access, Viewer viewer, Guid authorId)
    {
        var author = viewer.UserId == authorId;
        return new AdResponse(ad.Id, ad.OrganizationId, ad.SphereId, ad.PostId, ad.Category, ad.Title, ad.PriceCents is { } c ? c / 100m : null, ad.Currency,
            ad.Location, ad.Status, ad.CreatedAt, ad.StatusChangedAt, author, author || access.ActsAsStaff, post);
    }
}
