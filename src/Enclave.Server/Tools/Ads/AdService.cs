using System.Text.RegularExpressions;
using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Posts;
using Enclave.Server.Web;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Tools.Ads;

/// <summary>Writing ads: the post and its ad row in one transaction; fields by the author, the status by the author or the sphere's staff.</summary>
public sealed partial class AdService(EnclaveDb db, TimeProvider clock, PostService posts)
{
    public async Task<(Ad Ad, Post Post)> CreateAsync(SphereAccess access, Viewer viewer, CreateAdRequest request, CancellationToken cancellationToken)
    {
        var v = new Validation();
        if (request.Category is null) v.Add("category", "is required.");
        v.Text("title", request.Title, 1, AdRules.MaxTitle);
        v.OptionalText("location", request.Location, AdRules.MaxLocation);
        var price = Price(v, request.Price, request.Currency);
        if (!string.IsNullOrWhiteSpace(request.Body)) PostService.Body(v, "body", request.Body);
        v.ThrowIfAny();
        if (!access.CanPost) throw ProblemException.Forbidden("cannot_post", "You cannot publish ads in this sphere.");
        await RequireImagesAsync(access.Sphere.Id, viewer.Id, request.AttachmentIds, cancellationToken);

        var now = clock.GetUtcNow().UtcDateTime;
        var ad = new Ad
        {
            Id = Ids.New(), OrganizationId = access.Sphere.OrganizationId, SphereId = access.Sphere.Id, Category = request.Category!.Value,
            Title = request.Title!.Trim(), PriceCents = price?.Cents, Currency = price?.Currency, Location = Clean(request.Location),
            Status = AdStatus.Open, CreatedAt = now,
        };
        // The post (with its photos) and the ad stand or fall together.
        return await db.InTransactionAsync(async () =>
        {
            var body = string.IsNullOrWhiteSpace(request.Body) ? ad.Title : request.Body;
            var post = await posts.CreateAsync(access, viewer, new CreatePostRequest(body, null, false, null, null, null, request.AttachmentIds), null, cancellationToken);
            ad.PostId = post.Id;
            post.ToolKind = AdPostTool.KindName;
            post.ToolItemId = ad.Id;
            db.Add(ad);
            return (ad, post);
        }, cancellationToken);
    }

    public async Task UpdateAsync(Ad ad, Post post, Viewer viewer, UpdateAdRequest request, CancellationToken cancellationToken)
    {
        if (viewer.UserId != post.AuthorId) throw ProblemException.Forbidden("not_author", "Only the ad's author can edit it.");
        var v = new Validation();
        if (request.Title is not null) v.Text("title", request.Title, 1, AdRules.MaxTitle);
        v.OptionalText("location", request.Location, AdRules.MaxLocation);
        var price = request.ClearPrice == true ? null : Price(v, request.Price, request.Currency);
        if (request.ClearPrice == true && request.Price is not null) v.Add("price", "give a price or clearPrice, not both.");
        v.ThrowIfAny();
        var tracked = await db.Set<Ad>().FirstAsync(a => a.Id == ad.Id, cancellationToken);
        if (request.Category is { } category) tracked.Category = category;
        if (request.Title is not null) tracked.Title = request.Title.Trim();
        if (request.Location is not null) tracked.Location = Clean(request.Location);
        if (request.ClearPrice == true) (tracked.PriceCents, tracked.Currency) = (null, null);
        else if (price is not null) (tracked.PriceCents, tracked.Currency) = (price.Value.Cents, price.Value.Currency);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task SetStatusAsync(Ad ad, Post post, SphereAccess access, Viewer viewer, AdStatusRequest request, CancellationToken cancellationToken)
    {
        if (request.Status is not { } status || !Enum.IsDefined(status)) { Validation.Field("status", "is required: open, reserved or closed."); return; }
        if (viewer.UserId != post.AuthorId && !access.ActsAsStaff)
            throw ProblemException.Forbidden("not_author", "Only the ad's author and the sphere's staff change its status.");
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Set<Ad>().Where(a => a.Id == ad.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, status).SetProperty(a => a.StatusChangedAt, now), cancellationToken);
    }

    /// <summary>An ad shows photos: every attachment must be an image (what the upload's content sniffing found), else 422 before anything is written.</summary>
    private async Task RequireImagesAsync(Guid sphereId, Guid uploaderId, IReadOnlyList<Guid>? ids, CancellationToken cancellationToken)
    {
        if (ids is not { Count: > 0 }) return;
        var list = ids.Distinct().ToList();
        var notImages = await db.Attachments.Where(a => list.Contains(a.Id) && a.SphereId == sphereId && a.UploaderId == uploaderId && !a.ContentType.StartsWith("image/"))
            .Select(a => a.Id).ToListAsync(cancellationToken);
        if (notImages.Count > 0)
            throw ProblemException.Unprocessable("ad_photo_not_image", "An ad's attachments must be images.",
                new Dictionary<string, string[]> { ["attachmentIds"] = notImages.Select(id => $"{id} is not an image.").ToArray() });
    }

    internal static (long Cents, string Currency)? Price(Validation v, decimal? price, string? currency)
    {
        var code = currency?.Trim();
        if (price is null)
        {
            if (!string.IsNullOrEmpty(code)) v.Add("price", "is required with a currency.");
            return null;
        }
        if (price < 0 || price > AdRules.MaxPrice) v.Add("price", "must be between 0 and 1000000000.");
        else if (decimal.Round(price.Value, 2) != price.Value) v.Add("price", "must have at most two decimals.");
        if (string.IsNullOrEmpty(code)) v.Add("currency", "is required with a price.");
        else if (!CurrencyPattern().IsMatch(code)) v.Add("currency", "must be a three-letter ISO 4217 code in capitals, such as EUR.");
        if (!v.IsValid) return null;
        return ((long)(price.Value * 100), code!);
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyPattern();
}
