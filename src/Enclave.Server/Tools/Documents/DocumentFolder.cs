using Enclave.Server.Accounts;
using Enclave.Server.Spheres;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Enclave.Server.Tools.Documents;

/// <summary>A folder of a sphere's document box; <see cref="ParentId"/> null is the box's root.</summary>
public sealed class DocumentFolder
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid SphereId { get; set; }
    public Guid? ParentId { get; set; }
    public required string Name { get; set; }
    public Guid? CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }
}

public sealed class DocumentFolderConfiguration : IEntityTypeConfiguration<DocumentFolder>
{
    public void Configure(EntityTypeBuilder<DocumentFolder> b)
    {
        b.ToTable("document_folders");
        b.Property(x => x.Name).HasMaxLength(DocumentRules.MaxNameLength);
        b.HasIndex(x => new { x.SphereId, x.ParentId });
        b.HasOne<Sphere>().WithMany().HasForeignKey(x => x.SphereId).OnDelete(DeleteBehavior.Cascade);
        // Only empty folders are deleted by the API; the cascade serves a sphere's deletion.
        b.HasOne<DocumentFolder>().WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<User>().WithMany().HasForeignKey(x => x.CreatedById).OnDelete(DeleteBehavior.SetNull);
    }
}
