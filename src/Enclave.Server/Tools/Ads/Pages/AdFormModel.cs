using System.Globalization;
using Enclave.Server.Access;
using Enclave.Server.Posts.Attachments;
using Enclave.Server.Web;

namespace Enclave.Server.Tools.Ads.Pages;

/// <summary>
/// The new-ad form as the page receives it (multipart, photos as files): each photo through the
/// attachment handler, then the create handler, which refuses anything the upload did not find to
/// be an image (the declared type is not trusted; a refused upload expires unattached).
/// </summary>
public sealed class AdFormModel
{
    public const int MaxPhotos = 10;

    public string? Category { get; set; }
    public string? Title { get; set; }
    public string? Body { get; set; }
    public string? Price { get; set; }
    public string? Currency { get; set; }
    public string? Location { get; set; }

    public async Task<CreateAdRequest> ToRequestAsync(Guid sphereId, IFormCollection raw, Viewer viewer, AccessGate gate, AttachmentUpload uploads, CancellationToken cancellationToken)
    {
        var v = new Validation();
        AdCategory? category = Enum.TryParse<AdCategory>(Category, true, out var c) && Enum.IsDefined(c) ? c : null;
        decimal? price = null;
        if (!string.IsNullOrWhiteSpace(Price))
        {
            var text = Price.Trim();
            if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.CurrentCulture, out var p) || decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out p)) price = p;
            else v.Add("price", "is not a number.");
        }
        var files = raw.Files.Where(f => f.Name == "files" && f.Length > 0).ToList();
        if (files.Count > MaxPhotos) v.Add("files", $"at most {MaxPhotos} photos.");
        v.ThrowIfAny();
        var currency = string.IsNullOrWhiteSpace(Currency) ? null : Currency.Trim().ToUpperInvariant();
        // Check the ad's fields before storing any file (the same checks run again in the handler).
        AdService.Price(v, price, price is null ? null : currency);
        if (category is null) v.Add("category", "is required.");
        v.Text("title", Title, 1, AdRules.MaxTitle);
        v.ThrowIfAny();
        var ids = new List<Guid>();
        foreach (var file in files)
        {
            await using var content = file.OpenReadStream();
            ids.Add((await AttachmentEndpoints.UploadFile(sphereId, content, file.FileName, viewer, gate, uploads, cancellationToken)).Id);
        }
        return new CreateAdRequest(category, Title, Body, price, price is null ? null : currency, Location, ids.Count > 0 ? ids : null);
    }
}
