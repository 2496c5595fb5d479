using Enclave.Server.Spheres;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Enclave.Server.Moderation;

/// <summary>What a report is about. Chat messages will add <see cref="Message"/> once they exist.</summary>
public enum ReportTarget { Post, Comment, Person, Message }

public enum ReportCategory { Spam, Harassment, Illegal, OffTopic, Other }

public enum ReportStatus { Open, Handled, Dismissed }

/// <summary>What a moderator did, on a report or directly. Also the outcome the reporter learns.</summary>
public enum ModerationKind { Hide, Delete, Restore, Warn, Mute, Remove, Ban, Unban, Dismiss }

/// <summary>
/// A member's report of a post, comment or person of one sphere. No foreign key to the content:
/// a report outlives the content it was about (the queue then says "deleted"). One open report per
/// reporter per item is a database rule: <see cref="OpenKey"/> is the target while the report is
/// open and null once handled, and (reporter, open key) is unique (nulls never collide).
/// </summary>
public sealed class Report
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid SphereId { get; set; }
    public ReportTarget TargetType { get; set; }
    public Guid TargetId { get; set; }
    /// <summary>The author of the content, or the person reported.</summary>
    public Guid TargetUserId { get; set; }
    /// <summary>The post of a reported comment (for the link in the queue).</summary>
    public Guid? PostId { get; set; }
    public Guid ReporterId { get; set; }
    public ReportCategory Category { get; set; }
    public string? Text { get; set; }
    public ReportStatus Status { get; set; }
    public ModerationKind? Outcome { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? HandledAt { get; set; }
    public Guid? OpenKey { get; set; }
}

public sealed class ReportConfiguration : IEntityTypeConfiguration<Report>
{
    public const int MaxText = 1000;

    public void Configure(EntityTypeBuilder<Report> b)
    {
        b.ToTable("moderation_reports");
        b.Property(x => x.Text).HasMaxLength(MaxText);
        b.HasIndex(x => new { x.ReporterId, x.OpenKey }).IsUnique();
        // The queues: a sphere's or an organization's reports by status, oldest first.
        b.HasIndex(x => new { x.SphereId, x.Status, x.Id });
        b.HasIndex(x => new { x.OrganizationId, x.Status, x.Id });
        b.HasIndex(x => new { x.TargetId, x.Status });
        b.HasIndex(x => x.TargetUserId);
        b.HasOne<Sphere>().WithMany().HasForeignKey(x => x.SphereId).OnDelete(DeleteBehavior.Cascade);
    }
}
