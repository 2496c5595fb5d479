using Enclave.Server.Organizations;
using Enclave.Server.Posts;
using Enclave.Server.Spheres;

namespace Enclave.Server.Privacy.Import;

// The organization archive's files as read back (see ExportReadme for every field).

public sealed record ManifestRecord(string? Format, int? FormatVersion, string? Kind);

public sealed record OrganizationRecord(Guid Id, string Name, string? Description, OrganizationPlan Plan, bool HiddenInTree,
    bool MembersCanCreateSpheres, bool ExternalPortal, string? Charter, int CharterVersion, DateTime CreatedAt);

public sealed record PersonRecord(Guid Id, string UserName, string FirstName, string LastName, string Email, string? Language, OrganizationRole? Role, DateTime? JoinedAt);

public sealed record SphereMemberRecord(Guid UserId, SphereRole Role, DateTime JoinedAt);

public sealed record GroupRecord(Guid Id, string Name, string Handle, DateTime CreatedAt, List<Guid>? MemberIds);

public sealed record SphereRecord(Guid Id, string Name, string? Description, SphereType Type, bool ListedInPortal, bool MembersCanInvite,
    string? Charter, int CharterVersion, Guid CreatedById, DateTime CreatedAt, List<SphereMemberRecord>? Members, List<GroupRecord>? Groups);

public sealed record SphereProfileRecord(Guid Id, Guid SphereId, Guid UserId, string? Bio, string? Avatar, string? AvatarContentType);

public sealed record RevisionRecord(Guid Id, string Body, PostStyle Style, Guid AuthorId, DateTime WrittenAt);

public sealed record PostRecord(Guid Id, Guid SphereId, Guid AuthorId, string Body, PostStyle Style, bool IsPrivate, Guid? FeedKey,
    List<string>? Tags, List<Guid>? RecipientIds, List<RevisionRecord>? Revisions, DateTime CreatedAt, DateTime? PublishAt, DateTime? PublishedAt,
    DateTime? DeleteAt, DateTime? EditedAt, DateTime? PinnedAt, Guid? CopiedFromPostId, Guid? CopiedFromSphereId);

public sealed record CommentRecord(Guid Id, Guid SphereId, Guid PostId, Guid AuthorId, string Body, CommentStatus Status, DateTime CreatedAt, DateTime? EditedAt);

public sealed record ReactionRecord(Guid Id, Guid SphereId, Guid PostId, Guid TargetId, Guid UserId, ReactionKind Kind, DateTime CreatedAt);

public sealed record AttachmentRecord(Guid Id, Guid SphereId, Guid PostId, Guid UploaderId, string FileName, string ContentType, long Size,
    DateTime CreatedAt, DateTime? AttachedAt, string? File);

/// <summary>A whole organization archive, parsed and checked, ready to be written.</summary>
public sealed record OrganizationArchive(OrganizationRecord Organization, List<PersonRecord> People, List<SphereRecord> Spheres,
    List<SphereProfileRecord> Profiles, List<PostRecord> Posts, List<CommentRecord> Comments, List<ReactionRecord> Reactions, List<AttachmentRecord> Attachments);

public sealed class ImportOptions
{
    /// <summary>Largest archive accepted, in bytes (<c>Imports:MaxBytes</c>); default 2 GiB.</summary>
    public long MaxBytes { get; set; } = 2L * 1024 * 1024 * 1024;
}
