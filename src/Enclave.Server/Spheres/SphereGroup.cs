using Enclave.Server.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Enclave.Server.Spheres;

/// <summary>A named group of sphere members, addressed as <c>@@handle</c> in posts.</summary>
public sealed class SphereGroup
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid SphereId { get; set; }
    public required string Name { get; set; }
    /// <summary>Lower-case handle used after <c>@@</c>; unique within the sphere.</summary>
    public required string Handle { get; set; }
    public DateTime CreatedAt { get; set; }
}

public sealed class SphereGroupMember
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid SphereId { get; set; }
    public Guid GroupId { get; set; }
    public Guid UserId { get; set; }
}

public sealed class SphereGroupConfiguration : IEntityTypeConfiguration<SphereGroup>
{
    public void Configure(EntityTypeBuilder<SphereGroup> b)
    {
        b.ToTable("sphere_groups");
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.Handle).HasMaxLength(40);
        b.HasIndex(x => new { x.SphereId, x.Handle }).IsUnique();
        b.HasOne<Sphere>().WithMany().HasForeignKey(x => x.SphereId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class SphereGroupMemberConfiguration : IEntityTypeConfiguration<SphereGroupMember>
{
    public void Configure(EntityTypeBuilder<SphereGroupMember> b)
    {
        b.ToTable("sphere_group_members");
        b.HasIndex(x => new { x.GroupId, x.UserId }).IsUnique();
        b.HasIndex(x => new { x.SphereId, x.UserId });
        b.HasOne<SphereGroup>().WithMany().HasForeignKey(x => x.GroupId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
