using Enclave.Server.Accounts;
using Enclave.Server.Spheres;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Enclave.Server.Posts;

/// <summary>
/// How far one member has read one sphere: every post with a larger feed key is unread. One row
/// per (member, sphere) they have read, never one per (member, post).
/// </summary>
public sealed class ReadMarker
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid SphereId { get; set; }
    public Guid UserId { get; set; }
    public Guid ReadUpTo { get; set; }
    public DateTime UpdatedAt { get; set; }
}

public sealed class ReadMarkerConfiguration : IEntityTypeConfiguration<ReadMarker>
{
    public void Configure(EntityTypeBuilder<ReadMarker> b)
    {
        b.ToTable("read_markers");
        b.HasIndex(x => new { x.UserId, x.SphereId }).IsUnique();
        b.HasOne<Sphere>().WithMany().HasForeignKey(x => x.SphereId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
