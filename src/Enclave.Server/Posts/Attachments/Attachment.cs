using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Enclave.Server.Posts.Attachments;

/// <summary>
/// A file uploaded into a sphere. It is <em>pending</em> (<see cref="AttachedAt"/> null) until its
/// uploader links it to a post they create; readers of that post then download it. The bytes live
/// in the blob store under the sphere's organization (<see cref="BlobKey"/>).
/// </summary>
/// <remarks>
/// Deleting a post by the endpoint removes its attachments at once. When posts vanish otherwise
/// (scheduled deletion, sphere or account deletion cascades), the database sets
/// <see cref="PostId"/> to null: an attached row without a post is an orphan, and
/// <see cref="AttachmentPurge"/> removes it and its blob on its next run. That is why there is no
/// foreign key to spheres or users: the row must outlive them long enough for its blob to be deleted.
/// </remarks>
public sealed class Attachment
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid SphereId { get; set; }
    public Guid UploaderId { get; set; }
    public Guid? PostId { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required string BlobKey { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? AttachedAt { get; set; }
}

public sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> b)
    {
        b.ToTable("attachments");
        b.Property(x => x.FileName).HasMaxLength(AttachmentFileName.MaxLength);
        b.Property(x => x.ContentType).HasMaxLength(100);
        b.Property(x => x.BlobKey).HasMaxLength(64);
        // Serves both the post views (PostId = ...) and the purge (PostId IS NULL, oldest first).
        b.HasIndex(x => new { x.PostId, x.CreatedAt });
        b.HasIndex(x => x.SphereId);
        b.HasOne<Post>().WithMany().HasForeignKey(x => x.PostId).OnDelete(DeleteBehavior.SetNull);
    }
}

public sealed class AttachmentOptions
{
    /// <summary>Largest file accepted, in bytes (configuration <c>Attachments:MaxBytes</c>); default 25 MiB.</summary>
    public long MaxBytes { get; set; } = 25L * 1024 * 1024;
}

public static class AttachmentRules
{
    /// <summary>An upload not attached to a post within this time is purged.</summary>
    public static readonly TimeSpan PendingLifetime = TimeSpan.FromDays(1);

    public const int MaxPerPost = 20;
}
