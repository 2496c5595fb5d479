using Enclave.Server.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Enclave.Server.Notifications;

/// <remarks>The last five come from sphere tools (Tools/): they name their item in <see cref="Notification.SubjectId"/> and describe it through <c>IToolNotices</c>.</remarks>
public enum NotificationKind
{
    Mention, Comment, PrivatePost, Invitation, JoinRequestDecided, ReportHandled, ModerationWarning, ModerationMute,
    TaskAssigned, TaskDueSoon, EventReminder, EventCancelled, ChatMessage,
}

/// <summary>
/// Something one person should know. Rows exist only for people directly addressed (mentioned,
/// answered, sent a private post, invited, decided on), so a post in a huge sphere writes O(1)
/// rows plus its mentions. Content is never copied here: the list is read through the gate.
/// </summary>
public sealed class Notification
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public Guid? OrganizationId { get; set; }
    public Guid? SphereId { get; set; }
    public Guid? PostId { get; set; }
    public Guid? CommentId { get; set; }
    /// <summary>The invitation or join request concerned, for those kinds.</summary>
    public Guid? SubjectId { get; set; }
    public NotificationKind Kind { get; set; }
    public Guid? ActorId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ReadAt { get; set; }
}

public sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.ToTable("notifications");
        b.HasIndex(x => new { x.UserId, x.Id });
        b.HasIndex(x => new { x.UserId, x.ReadAt });
        b.HasIndex(x => x.PostId);
        b.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public enum NotificationLevel { All, Mentions, Nothing }

/// <summary>A person's notification level for one sphere; without a row the level is <see cref="NotificationLevel.Mentions"/>.</summary>
public sealed class NotificationSetting
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid SphereId { get; set; }
    public Guid UserId { get; set; }
    public NotificationLevel Level { get; set; }
}

public sealed class NotificationSettingConfiguration : IEntityTypeConfiguration<NotificationSetting>
{
    public void Configure(EntityTypeBuilder<NotificationSetting> b)
    {
        b.ToTable("notification_settings");
        b.HasIndex(x => new { x.SphereId, x.UserId }).IsUnique();
        b.HasIndex(x => new { x.SphereId, x.Level });
        b.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Spheres.Sphere>().WithMany().HasForeignKey(x => x.SphereId).OnDelete(DeleteBehavior.Cascade);
    }
}
