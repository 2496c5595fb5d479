using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Live;
using Enclave.Server.Posts;
using Enclave.Server.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Tools.Ads;

/// <summary>The classified ads API (docs/api/ads.md). An ad is a post: it is seen exactly by those who see its post.</summary>
public static class AdEndpoints
{
    public const string Noun = "ad";
    public const string LiveType = "ads.changed";

    public static RouteGroupBuilder MapAds(this RouteGroupBuilder api)
    {
        api.MapPost("/spheres/{id:guid}/ads", Create).WithTags("Ads")
            .WithSummary("Publish a classified ad: its post in the feed and the ad, in one transaction. Photos are image attachments.");
        api.MapGet("/spheres/{id:guid}/ads", List).WithTags("Ads")
            .WithSummary("The sphere's ads, newest first, keyset-paginated; filters: category, status, q (title or place), minPrice, maxPrice, currency.");
        var group = api.MapGroup("/ads").WithTags("Ads");
        group.MapGet("/{id:guid}", Get).WithSummary("One ad with its post (text, photos, comments count, reactions).");
        group.MapPatch("/{id:guid}", Update).WithSummary("Edit the ad's category, title, price or place (its author; the text is the post's: PATCH /posts/{id}).");
        group.MapPost("/{id:guid}/status", SetStatus).WithSummary("Mark the ad open, reserved or closed (its author or the sphere's staff).");
        return group;
    }

    internal static async Task<Created<AdResponse>> Create(Guid id, CreateAdRequest request, Viewer viewer, AccessGate gate, AdService ads,
        AdViews views, PostEvents postEvents, LivePublisher live, CancellationToken cancellationToken)
    {
        _ = viewer.Id;
        var access = await gate.ToolSphereAsync(viewer, id, "sphere", cancellationToken);
        var (ad, post) = await ads.CreateAsync(access, viewer, request, cancellationToken);
        await postEvents.PostCreatedAsync(post, cancellationToken);
        await PublishAsync(live, ad);
        return TypedResults.Created($"/api/v1/ads/{ad.Id}", await views.BuildOneAsync(ad, post, access, viewer, cancellationToken));
    }

    internal static async Task<Ok<Page<AdResponse>>> List(Guid id, string? category, string? status, string? q, decimal? minPrice, decimal? maxPrice,
        string? currency, string? cursor, int? limit, Viewer viewer, AccessGate gate, EnclaveDb db, AdViews views, CancellationToken cancellationToken)
    {
        var access = await gate.ToolSphereAsync(viewer, id, "sphere", cancellationToken);
        var v = new Validation();
        if (minPrice is < 0) v.Add("minPrice", "must be zero or more.");
        if (maxPrice is < 0) v.Add("maxPrice", "must be zero or more.");
        if (minPrice is { } lo && maxPrice is { } hi && lo > hi) v.Add("maxPrice", "must not be below minPrice.");
        v.OptionalText("q", q, 100);
        v.ThrowIfAny();
        var categoryFilter = QueryEnum.Parse<AdCategory>("category", category);
        var statusFilter = QueryEnum.Parse<AdStatus>("status", status);
        var visible = gate.VisiblePosts(viewer.UserId).Where(p => p.SphereId == id);
        var query = db.Set<Ad>().AsNoTracking().Where(a => a.SphereId == id && visible.Any(p => p.Id == a.PostId));
        if (categoryFilter is { } c) query = query.Where(a => a.Category == c);
        if (statusFilter is { } s) query = query.Where(a => a.Status == s);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var needle = q.Trim().ToLower();
            query = query.Where(a => a.Title.ToLower().Contains(needle) || (a.Location != null && a.Location.ToLower().Contains(needle)));
        }
        if (!string.IsNullOrWhiteSpace(currency)) { var code = currency.Trim().ToUpperInvariant(); query = query.Where(a => a.Currency == code); }
        // A price range keeps only ads with a price.
        if (minPrice is { } min) { var cents = (long)Math.Ceiling(min * 100); query = query.Where(a => a.PriceCents != null && a.PriceCents >= cents); }
        if (maxPrice is { } max) { var cents = (long)Math.Floor(max * 100); query = query.Where(a => a.PriceCents != null && a.PriceCents <= cents); }
        var page = await query.ToPageAsync(a => a.Id, cursor, limit, a => a, cancellationToken, descending: true);
        return TypedResults.Ok(new Page<AdResponse>(await views.BuildAsync(page.Items, access, viewer, cancellationToken), page.NextCursor));
    }

    internal static async Task<Ok<AdResponse>> Get(Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, AdViews views, CancellationToken cancellationToken)
    {
        var (access, ad, post) = await LoadAsync(id, viewer, gate, db, cancellationToken);
        return TypedResults.Ok(await views.BuildOneAsync(ad, post, access, viewer, cancellationToken));
    }

    internal static async Task<Ok<AdResponse>> Update(Guid id, UpdateAdRequest request, Viewer viewer, AccessGate gate, EnclaveDb db, AdService ads, AdViews views,
        LivePublisher live, CancellationToken cancellationToken)
    {
        var (access, ad, post) = await LoadAsync(id, viewer, gate, db, cancellationToken);
        await ads.UpdateAsync(ad, post, viewer, request, cancellationToken);
        await PublishAsync(live, ad);
        return await Get(id, viewer, gate, db, views, cancellationToken);
    }

    internal static async Task<Ok<AdResponse>> SetStatus(Guid id, AdStatusRequest request, Viewer viewer, AccessGate gate, EnclaveDb db, AdService ads, AdViews views,
        LivePublisher live, CancellationToken cancellationToken)
    {
        var (access, ad, post) = await LoadAsync(id, viewer, gate, db, cancellationToken);
        await ads.SetStatusAsync(ad, post, access, viewer, request, cancellationToken);
        await PublishAsync(live, ad);
        return await Get(id, viewer, gate, db, views, cancellationToken);
    }

    /// <summary>The ad by id, then its post through the gate (the post's sphere, private and hidden posts included): 404 for anyone who does not see the post.</summary>
    internal static async Task<(SphereAccess Access, Ad Ad, Post Post)> LoadAsync(Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, CancellationToken cancellationToken)
    {
        var ad = await db.Set<Ad>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken) ?? throw ProblemException.NotFound(Noun);
        try
        {
            var (access, post) = await gate.PostAsync(viewer, ad.PostId, cancellationToken);
            return (access, ad, post);
        }
        catch (ProblemException e) when (e.Status == 404)
        {
            throw ProblemException.NotFound(Noun);
        }
    }

    /// <summary>Says only which ad changed; not cancellable, since the change is saved.</summary>
    private static Task PublishAsync(LivePublisher live, Ad ad) =>
        live.SphereEventAsync(LiveType, ad.OrganizationId, ad.SphereId, new { adId = ad.Id, sphereId = ad.SphereId }, null, CancellationToken.None);
}
