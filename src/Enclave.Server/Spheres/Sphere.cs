using Enclave.Server.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Enclave.Server.Spheres;

/// <summary>Sphere types; see docs/spheres.md for who may see, read, post and comment in each.</summary>
public enum SphereType { Classic, Open, Global, Public, Restricted, Visitor, Forum }

public sealed class Sphere
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    /// <summary>Closed by default: a new sphere is classic unless its creator opens it.</summary>
    public SphereType Type { get; set; } = SphereType.Classic;
    /// <summary>Listed in the organization's internal portal, where its members may ask to join.</summary>
    public bool ListedInPortal { get; set; }
    /// <summary>Non-administrators may propose invitations (they wait for an administrator's approval).</summary>
    public bool MembersCanInvite { get; set; }
    /// <summary>Only people whose identity is verified may be members; an unverified member's row grants nothing (see AccessGate).</summary>
    public bool VerifiedOnly { get; set; }
    public string? Charter { get; set; }
    public int CharterVersion { get; set; }
    public Guid CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }
}

public sealed class SphereConfiguration : IEntityTypeConfiguration<Sphere>
{
    public void Configure(EntityTypeBuilder<Sphere> b)
    {
        b.ToTable("spheres");
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.Description).HasMaxLength(2000);
        b.Property(x => x.Charter).HasMaxLength(20000);
        b.HasIndex(x => new { x.OrganizationId, x.Type });
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}
