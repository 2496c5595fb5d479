using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Enclave.Server.Analytics;

/// <summary>
/// One person's activity in one sphere on one UTC day: the rollup analytics read instead of the
/// content tables. Written only by <see cref="ActivityRollup"/> in batches, never in the write
/// path of a post (a busy sphere must not funnel every post through one counter row).
/// </summary>
public sealed class ActivityDay
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid SphereId { get; set; }
    public DateTime Day { get; set; }
    public Guid UserId { get; set; }
    public int Posts { get; set; }
    public int Comments { get; set; }
    public int Reactions { get; set; }
}

/// <summary>How far the rollup has read one source (posts by feed key, comments and reactions by id: all UUIDv7, time-ordered).</summary>
public sealed class RollupWatermark
{
    public required string Source { get; set; }
    public Guid LastKey { get; set; }
}

public sealed class ActivityDayConfiguration : IEntityTypeConfiguration<ActivityDay>
{
    public void Configure(EntityTypeBuilder<ActivityDay> b)
    {
        b.ToTable("activity_days");
        b.HasIndex(x => new { x.SphereId, x.Day, x.UserId }).IsUnique();
        b.HasIndex(x => new { x.OrganizationId, x.Day });
        b.HasIndex(x => x.UserId);
        b.HasOne<Spheres.Sphere>().WithMany().HasForeignKey(x => x.SphereId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class RollupWatermarkConfiguration : IEntityTypeConfiguration<RollupWatermark>
{
    public void Configure(EntityTypeBuilder<RollupWatermark> b)
    {
        b.ToTable("rollup_watermarks");
        b.HasKey(x => x.Source);
        b.Property(x => x.Source).HasMaxLength(32);
    }
}
