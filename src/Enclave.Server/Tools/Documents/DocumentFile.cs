using Enclave.Server.Accounts;
using Enclave.Server.Spheres;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Enclave.Server.Tools.Documents;

/// <summary>
/// A file of a document box. Its bytes live in its versions; the current one (highest
/// <see cref="DocumentVersion.Number"/>) is copied here (<see cref="Version"/>, <see cref="Size"/>,
/// <see cref="ContentType"/>) so listings read one row per file.
/// </summary>
public sealed class DocumentFile
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid SphereId { get; set; }
    public Guid? FolderId { get; set; }
    public required string Name { get; set; }
    /// <summary>Who created the file (first version); with staff, may trash, restore and purge it.</summary>
    public Guid? UploaderId { get; set; }
    public int Version { get; set; }
    public long Size { get; set; }
    public required string ContentType { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? TrashedAt { get; set; }
    public Guid? TrashedById { get; set; }
    public Guid? LockedById { get; set; }
    public DateTime? LockedUntil { get; set; }
}

/// <summary>One version of a file: numbered 1, 2, 3... (unique per file, which settles concurrent uploads).</summary>
public sealed class DocumentVersion
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid FileId { get; set; }
    public int Number { get; set; }
    public Guid ContentId { get; set; }
    public long Size { get; set; }
    public required string ContentType { get; set; }
    public Guid? UploaderId { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>The version this one restored (same bytes), if it was made by a restore.</summary>
    public int? RestoredFrom { get; set; }
}

public sealed class DocumentFileConfiguration : IEntityTypeConfiguration<DocumentFile>
{
    public void Configure(EntityTypeBuilder<DocumentFile> b)
    {
        b.ToTable("document_files");
        b.Property(x => x.Name).HasMaxLength(DocumentRules.MaxNameLength);
        b.Property(x => x.ContentType).HasMaxLength(100);
        // Folder listings (sphere, folder, live only) and the trash (sphere, trashed).
        b.HasIndex(x => new { x.SphereId, x.FolderId, x.TrashedAt });
        b.HasIndex(x => new { x.SphereId, x.TrashedAt });
        b.HasOne<Sphere>().WithMany().HasForeignKey(x => x.SphereId).OnDelete(DeleteBehavior.Cascade);
        // A folder deleted with trashed files in it: they come back to the root when restored.
        b.HasOne<DocumentFolder>().WithMany().HasForeignKey(x => x.FolderId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<User>().WithMany().HasForeignKey(x => x.UploaderId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<User>().WithMany().HasForeignKey(x => x.TrashedById).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<User>().WithMany().HasForeignKey(x => x.LockedById).OnDelete(DeleteBehavior.SetNull);
    }
}

public sealed class DocumentVersionConfiguration : IEntityTypeConfiguration<DocumentVersion>
{
    public void Configure(EntityTypeBuilder<DocumentVersion> b)
    {
        b.ToTable("document_versions");
        b.Property(x => x.ContentType).HasMaxLength(100);
        b.HasIndex(x => new { x.FileId, x.Number }).IsUnique();
        b.HasIndex(x => x.ContentId);
        b.HasOne<DocumentFile>().WithMany().HasForeignKey(x => x.FileId).OnDelete(DeleteBehavior.Cascade);
        // Contents outlive their versions until the purge or the sweep deletes their bytes.
        b.HasOne<DocumentContent>().WithMany().HasForeignKey(x => x.ContentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(x => x.UploaderId).OnDelete(DeleteBehavior.SetNull);
    }
}
