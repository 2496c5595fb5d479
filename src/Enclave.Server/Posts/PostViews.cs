using Enclave.Server.Accounts;
using Enclave.Server.Posts.Attachments;

namespace Enclave.Server.Posts;

/// <param name="AttachmentIds">The author's own pending uploads to this sphere (<c>POST /spheres/{id}/attachments</c>) to attach.</param>
public sealed record CreatePostRequest(string? Body, PostStyle? Style, bool? Private, IReadOnlyList<Guid>? RecipientIds, DateTime? PublishAt, DateTime? DeleteAt,
    IReadOnlyList<Guid>? AttachmentIds = null, Tools.ToolReference? Tool = null);

/// <param name="RecipientIds">For a private draft: mentions resolve only among these readers.</param>
public sealed record PreviewRequest(string? Body, IReadOnlyList<Guid>? RecipientIds = null);

public sealed record PreviewResponse(string Html);

public sealed record UpdatePostRequest(string? Body, PostStyle? Style);

public sealed record CopyPostRequest(Guid? SphereId);

public sealed record ReactionCount(ReactionKind Kind, int Count, bool Mine);

public sealed record PostPermissions(bool CanEdit, bool CanDelete, bool CanPin, bool CanComment, bool CanReact);

/// <summary>A post as its reader sees it, labelled with its sphere and organization (the home feed mixes spheres).</summary>
public sealed record PostResponse(
    Guid Id, Guid SphereId, string SphereName, Guid OrganizationId, string OrganizationName, UserSummary Author,
    string Body, string BodyHtml, PostStyle Style, bool IsPrivate, IReadOnlyList<Guid>? RecipientIds, IReadOnlyList<string> Tags,
    DateTime CreatedAt, DateTime? PublishedAt, DateTime? PublishAt, DateTime? DeleteAt, DateTime? EditedAt, DateTime? PinnedAt,
    int CommentCount, IReadOnlyList<ReactionCount> Reactions, Guid? CopiedFromPostId, PostPermissions Permissions,
    IReadOnlyList<AttachmentResponse> Attachments, Verification.AuthorProvenance Provenance, Tools.ToolCard? Tool = null);

public sealed record SphereFeedResponse(IReadOnlyList<PostResponse> Pinned, IReadOnlyList<PostResponse> Items, string? NextCursor);

public sealed record PostRevisionResponse(string Body, PostStyle Style, UserSummary Author, DateTime WrittenAt, bool Current);

public sealed record CreateCommentRequest(string? Body);

public sealed record CommentResponse(Guid Id, Guid PostId, UserSummary Author, string Body, string BodyHtml, CommentStatus Status,
    DateTime CreatedAt, DateTime? EditedAt, IReadOnlyList<ReactionCount> Reactions, bool CanEdit, bool CanDelete, Verification.AuthorProvenance Provenance);

public sealed record ReadRequest(Guid? UpTo);

public sealed record UnreadResponse(Guid SphereId, int Unread, bool More);
