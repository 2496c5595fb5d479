using Enclave.Server.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Enclave.Server.Notifications.Delivery;

public enum QueuedEmailStatus { Pending, Sent, Deferred, Digested, Dropped }

/// <summary>
/// One notification waiting to be emailed: the dispatcher's queue, in the database so that a
/// restart loses nothing. It names the event (not its content): the text is built at send time
/// from what the recipient may see then. Deferred rows (over the daily maximum) wait for the digest.
/// </summary>
public sealed class QueuedEmail
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public NotificationKind Kind { get; set; }
    public Guid? NotificationId { get; set; }
    public Guid? OrganizationId { get; set; }
    public Guid? SphereId { get; set; }
    public Guid? PostId { get; set; }
    public Guid? CommentId { get; set; }
    public Guid? SubjectId { get; set; }
    public Guid? ActorId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime DueAt { get; set; }
    public QueuedEmailStatus Status { get; set; }
    public DateTime? SentAt { get; set; }
}

public sealed class QueuedEmailConfiguration : IEntityTypeConfiguration<QueuedEmail>
{
    public void Configure(EntityTypeBuilder<QueuedEmail> b)
    {
        b.ToTable("queued_emails");
        b.HasIndex(x => new { x.Status, x.DueAt });
        b.HasIndex(x => new { x.UserId, x.Status });
        b.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
