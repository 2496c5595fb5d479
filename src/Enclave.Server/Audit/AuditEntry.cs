using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Enclave.Server.Audit;

/// <summary>
/// One security-relevant or administrative action: who did it, when, from where, to what.
/// Append-only: the application never updates or deletes a row (database triggers refuse it;
/// see migration 0008). Entries hold identifiers, never names or emails, so that closing an
/// account leaves no identity behind in the trail.
/// </summary>
public sealed class AuditEntry
{
    public Guid Id { get; set; }
    public DateTime At { get; set; }
    /// <summary>One of <see cref="AuditActions"/>, e.g. <c>auth.sign_in</c>.</summary>
    public required string Action { get; set; }
    /// <summary>Who acted; null for the system or an unknown account.</summary>
    public Guid? ActorId { get; set; }
    /// <summary>The person the action concerns (the one signed in, promoted, removed...); they can read it.</summary>
    public Guid? SubjectUserId { get; set; }
    /// <summary>The organization whose managers may read the entry.</summary>
    public Guid? OrganizationId { get; set; }
    public Guid? SphereId { get; set; }
    /// <summary>What was acted on: "user", "sphere", "post", "comment", "token", "invitation"...</summary>
    public string? TargetType { get; set; }
    public Guid? TargetId { get; set; }
    /// <summary>The origin IP address, empty when the action had no request (a background job).</summary>
    public string Ip { get; set; } = "";
    /// <summary>A short, non-identifying detail: a role name, a reason code, a setting's name.</summary>
    public string? Detail { get; set; }
}

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("audit_entries");
        b.Property(x => x.Action).HasMaxLength(64);
        b.Property(x => x.TargetType).HasMaxLength(32);
        b.Property(x => x.Ip).HasMaxLength(64);
        b.Property(x => x.Detail).HasMaxLength(500);
        b.HasIndex(x => new { x.SubjectUserId, x.Id });
        b.HasIndex(x => new { x.OrganizationId, x.Id });
        b.HasIndex(x => new { x.ActorId, x.Id });
    }
}
