using Enclave.Server.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Enclave.Server.Spheres;

/// <summary>A member's bio and avatar as shown inside one sphere, overriding the defaults.</summary>
public sealed class SphereProfile
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid SphereId { get; set; }
    public Guid UserId { get; set; }
    public string? Bio { get; set; }
    public string? AvatarKey { get; set; }
    public string? AvatarContentType { get; set; }
}

public sealed class SphereProfileConfiguration : IEntityTypeConfiguration<SphereProfile>
{
    public void Configure(EntityTypeBuilder<SphereProfile> b)
    {
        b.ToTable("sphere_profiles");
        b.Property(x => x.Bio).HasMaxLength(2000);
        b.Property(x => x.AvatarKey).HasMaxLength(200);
        b.Property(x => x.AvatarContentType).HasMaxLength(50);
        b.HasIndex(x => new { x.SphereId, x.UserId }).IsUnique();
        b.HasOne<Sphere>().WithMany().HasForeignKey(x => x.SphereId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
