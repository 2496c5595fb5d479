using System.Text.Json.Nodes;
using Enclave.Server.Access;
using Enclave.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Enclave.Server.Tools.Ads;

/// <summary>An ad's post shows the ad card (category, price, place, status); another post may share the ad too.</summary>
/// <remarks>The summary and status words follow the request's language.</remarks>
public sealed class AdPostTool(EnclaveDb db, IStringLocalizer<Pages.Text> text) : IPostTool
{
    public const string KindName = "ad";

    public string Kind => KindName;

    public Task<bool> CanAttachAsync(SphereAccess access, Guid authorId, Guid itemId, CancellationToken cancellationToken) =>
        db.Set<Ad>().AnyAsync(a => a.Id == itemId && a.SphereId == access.Sphere.Id, cancellationToken);

    public async Task<IReadOnlyDictionary<Guid, ToolCard>> CardsAsync(Viewer viewer, IReadOnlyCollection<Guid> itemIds, CancellationToken cancellationToken)
    {
        var ids = itemIds.ToList();
        var ads = await db.Set<Ad>().AsNoTracking().Where(a => ids.Contains(a.Id)).ToListAsync(cancellationToken);
        return ads.ToDictionary(a => a.Id, a =>
        {
            var parts = new List<string> { text[Pages.AdTexts.CategoryName(a.Category)] };
            if (a.PriceCents is { } cents) parts.Add(Pages.AdTexts.Price(cents, a.Currency!));
            if (a.Location is not null) parts.Add(a.Location);
            return new ToolCard(KindName, a.Id, a.Title, string.Join(" · ", parts), $"/ads/{a.Id}", text[Pages.AdTexts.StatusName(a.Status)],
                new JsonObject
                {
                    ["category"] = Pages.AdTexts.Snake(a.Category), ["status"] = Pages.AdTexts.Snake(a.Status),
                    ["price"] = a.PriceCents is { } c ? c / 100m : null, ["currency"] = a.Currency, ["location"] = a.Location,
                });
        });
    }
}
