using Enclave.Server.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Enclave.Server.Spheres;

public enum SphereRole { Administrator, Publisher, Member, Visitor }

/// <summary>
/// An explicit sphere membership. Members of a global sphere are implicit (every manager and
/// member of the organization) and get a row only when they hold another role, so a global
/// sphere of 100,000 people costs no rows.
/// </summary>
public sealed class SphereMember
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid SphereId { get; set; }
    public Guid UserId { get; set; }
    public SphereRole Role { get; set; }
    public DateTime JoinedAt { get; set; }
}

public sealed class SphereMemberConfiguration : IEntityTypeConfiguration<SphereMember>
{
    public void Configure(EntityTypeBuilder<SphereMember> b)
    {
        b.ToTable("sphere_members");
        b.HasIndex(x => new { x.SphereId, x.UserId }).IsUnique();
        b.HasIndex(x => new { x.UserId, x.OrganizationId });
        b.HasOne<Sphere>().WithMany().HasForeignKey(x => x.SphereId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
