using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Enclave.Server.Tools.Documents;

/// <summary>
/// Bytes stored once per organization, named by their SHA-256 (<see cref="Hash"/>, unique per
/// organization): every version with the same bytes points here. No foreign key to the
/// organization or the versions' files, so the row outlives them until its blob is deleted
/// (by the purge of its last file, or by <see cref="DocumentSweep"/> after a cascade).
/// </summary>
public sealed class DocumentContent
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public required string Hash { get; set; }
    public required string BlobKey { get; set; }
    public long Size { get; set; }
    public DateTime CreatedAt { get; set; }
}

public sealed class DocumentContentConfiguration : IEntityTypeConfiguration<DocumentContent>
{
    public void Configure(EntityTypeBuilder<DocumentContent> b)
    {
        b.ToTable("document_contents");
        b.Property(x => x.Hash).HasMaxLength(64);
        b.Property(x => x.BlobKey).HasMaxLength(64);
        b.HasIndex(x => new { x.OrganizationId, x.Hash }).IsUnique();
    }
}
