using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Enclave.Server.Organizations;

public enum OrganizationPlan { Standard, Pro, Business, Enterprise }

public sealed class Organization
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    /// <summary>Every user owns one hidden personal organization for personal spheres.</summary>
    public bool IsPersonal { get; set; }
    public OrganizationPlan Plan { get; set; } = OrganizationPlan.Standard;
    /// <summary>Federation: the mother organization, if any.</summary>
    public Guid? ParentId { get; set; }
    /// <summary>The top of this organization's federation (itself when it has no parent); kept in step on attach and detach.</summary>
    public Guid RootId { get; set; }
    /// <summary>Hidden from the federation tree shown to people who are not its members.</summary>
    public bool HiddenInTree { get; set; }
    /// <summary>Whether ordinary members (not only managers) may create spheres.</summary>
    public bool MembersCanCreateSpheres { get; set; } = true;
    /// <summary>The external portal: a public page where outsiders can ask for an invitation.</summary>
    public bool ExternalPortal { get; set; }
    public string? Charter { get; set; }
    /// <summary>Raised every time the charter changes; members must accept the current version.</summary>
    public int CharterVersion { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>Security policy: the members' minimum password length (null: the platform's), and whether they need two-factor sign-in.</summary>
    public int? MinPasswordLength { get; set; }
    public bool RequireTwoFactor { get; set; }
}

public sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> b)
    {
        b.ToTable("organizations");
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.Description).HasMaxLength(2000);
        b.Property(x => x.Charter).HasMaxLength(20000);
        b.HasIndex(x => x.ParentId);
        b.HasIndex(x => x.RootId);
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}
