using Enclave.Server.Posts;

namespace Enclave.Server.Tools.Ads;

/// <param name="Body">The ad's text (Markdown, as a post's); the title when empty.</param>
/// <param name="Price">Optional, with at most two decimals; needs <paramref name="Currency"/>.</param>
/// <param name="Currency">ISO 4217 code in capitals (EUR, USD, CHF...).</param>
/// <param name="AttachmentIds">Photos uploaded first with <c>POST /spheres/{id}/attachments</c>: images only.</param>
public sealed record CreateAdRequest(AdCategory? Category, string? Title, string? Body, decimal? Price, string? Currency, string? Location,
    IReadOnlyList<Guid>? AttachmentIds);

/// <summary>Only the fields given change; <c>clearPrice</c> removes the price.</summary>
public sealed record UpdateAdRequest(AdCategory? Category, string? Title, decimal? Price, string? Currency, bool? ClearPrice, string? Location);

public sealed record AdStatusRequest(AdStatus? Status);

/// <param name="Post">The post that is the ad in the feed: its text, photos (attachments), author, comments and reactions.</param>
public sealed record AdResponse(Guid Id, Guid OrganizationId, Guid SphereId, Guid PostId, AdCategory Category, string Title, decimal? Price,
    string? Currency, string? Location, AdStatus Status, DateTime CreatedAt, DateTime? StatusChangedAt, bool CanEdit, bool CanChangeStatus,
    PostResponse Post);
