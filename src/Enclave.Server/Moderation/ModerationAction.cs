using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Enclave.Server.Moderation;

/// <summary>
/// One moderation action, kept for the moderators' history and to carry a warning's message to
/// the person warned (their notification points here). The audit trail records the same action
/// with ids only; this row holds the moderator's words.
/// </summary>
public sealed class ModerationAction
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid? SphereId { get; set; }
    public Guid? ModeratorId { get; set; }
    public ModerationKind Kind { get; set; }
    public ReportTarget? TargetType { get; set; }
    public Guid? TargetId { get; set; }
    public Guid? TargetUserId { get; set; }
    public Guid? ReportId { get; set; }
    public string? Message { get; set; }
    public DateTime? Until { get; set; }
    public DateTime CreatedAt { get; set; }
}

public sealed class ModerationActionConfiguration : IEntityTypeConfiguration<ModerationAction>
{
    public void Configure(EntityTypeBuilder<ModerationAction> b)
    {
        b.ToTable("moderation_actions");
        b.Property(x => x.Message).HasMaxLength(ReportConfiguration.MaxText);
        b.HasIndex(x => new { x.OrganizationId, x.Id });
        b.HasIndex(x => new { x.SphereId, x.Id });
        b.HasIndex(x => x.TargetUserId);
        b.HasIndex(x => x.ModeratorId);
    }
}

/// <summary>A member muted in one sphere until a time: they still read, but neither post, comment nor react.</summary>
public sealed class SphereMute
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid SphereId { get; set; }
    public Guid UserId { get; set; }
    public DateTime Until { get; set; }
}

public sealed class SphereMuteConfiguration : IEntityTypeConfiguration<SphereMute>
{
    public void Configure(EntityTypeBuilder<SphereMute> b)
    {
        b.ToTable("sphere_mutes");
        b.HasIndex(x => new { x.SphereId, x.UserId }).IsUnique();
        b.HasIndex(x => x.UserId);
        b.HasOne<Spheres.Sphere>().WithMany().HasForeignKey(x => x.SphereId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>A person banned from an organization: removed, and kept out (no joining, invitation or entry) until unbanned.</summary>
public sealed class OrganizationBan
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid UserId { get; set; }
    public DateTime BannedAt { get; set; }
}

public sealed class OrganizationBanConfiguration : IEntityTypeConfiguration<OrganizationBan>
{
    public void Configure(EntityTypeBuilder<OrganizationBan> b)
    {
        b.ToTable("organization_bans");
        b.HasIndex(x => new { x.OrganizationId, x.UserId }).IsUnique();
        b.HasIndex(x => x.UserId);
        b.HasOne<Organizations.Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}
