using Enclave.Server.Privacy;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Tools.Ads;

/// <summary>
/// Ads' part in closing an account and in the export. An ad is a post: deleting everything deletes
/// the person's posts (the core eraser) and with them their ads, which this removes first, explicitly;
/// anonymizing keeps public posts, so their ads stay, authored by "Former member".
/// </summary>
public sealed class AdsPersonalData : IPersonalDataEraser, IPersonalDataExporter
{
    public async Task EraseAsync(PersonalDataErasure erasure, CancellationToken cancellationToken)
    {
        if (erasure.Choice != ClosingChoice.DeleteEverything) return;
        var db = erasure.Db;
        var id = erasure.UserId;
        await db.Set<Ad>().Where(a => db.Posts.Any(p => p.Id == a.PostId && p.AuthorId == id)).ExecuteDeleteAsync(cancellationToken);
    }

    public async Task ExportAsync(PersonalDataExport export, CancellationToken cancellationToken)
    {
        var db = export.Db;
        var id = export.UserId;
        var ads = await db.Set<Ad>().AsNoTracking().Where(a => db.Posts.Any(p => p.Id == a.PostId && p.AuthorId == id)).OrderBy(a => a.Id)
            .Select(a => new
            {
                a.Id, a.OrganizationId, a.SphereId, a.PostId, Category = a.Category.ToString(), a.Title, a.PriceCents, a.Currency, a.Location,
                Status = a.Status.ToString(), a.CreatedAt, a.StatusChangedAt,
            }).ToListAsync(cancellationToken);
        await export.Archive.AddJsonAsync("ads/ads.json", ads, cancellationToken);
    }
}
