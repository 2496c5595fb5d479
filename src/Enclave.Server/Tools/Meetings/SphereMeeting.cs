using Enclave.Server.Accounts;
using Enclave.Server.Spheres;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Enclave.Server.Tools.Meetings;

/// <summary>A sphere's standing video room: one per sphere, its name random (see <see cref="MeetingRooms"/>).</summary>
public sealed class SphereMeeting
{
    public Guid SphereId { get; set; }
    public Guid OrganizationId { get; set; }
    public string Room { get; set; } = "";
    public Guid? CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }
}

public sealed class SphereMeetingConfiguration : IEntityTypeConfiguration<SphereMeeting>
{
    public void Configure(EntityTypeBuilder<SphereMeeting> b)
    {
        b.ToTable("sphere_meetings");
        b.HasKey(x => x.SphereId);
        b.Property(x => x.Room).HasMaxLength(64);
        b.HasIndex(x => x.CreatedById);
        b.HasOne<Sphere>().WithMany().HasForeignKey(x => x.SphereId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<User>().WithMany().HasForeignKey(x => x.CreatedById).OnDelete(DeleteBehavior.SetNull);
    }
}
