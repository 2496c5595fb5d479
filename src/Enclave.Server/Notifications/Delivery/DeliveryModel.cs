using Enclave.Server.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Enclave.Server.Notifications.Delivery;

/// <summary>The kinds of event a person chooses channels for (several notification kinds may share one).</summary>
public enum EventKind { NewPosts, Comments, Mentions, PrivateMessages, Invitations, Reminders }

public enum PreferenceScope { Account, Organization, Sphere }

/// <summary>
/// Which channels one kind of event uses, for the whole account, one organization or one sphere.
/// A null channel inherits (sphere → organization → account → built-in default), so a row only
/// holds what the person actually overrode. <see cref="ScopeId"/> is <see cref="Guid.Empty"/>
/// for the account, so one unique index covers every scope (NULLs would never collide).
/// </summary>
public sealed class NotificationPreference
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public PreferenceScope Scope { get; set; }
    public Guid ScopeId { get; set; }
    /// <summary>The tenant key: the organization, or the sphere's organization; null for the account.</summary>
    public Guid? OrganizationId { get; set; }
    public EventKind Kind { get; set; }
    public bool? InApp { get; set; }
    public bool? Email { get; set; }
}

public sealed class NotificationPreferenceConfiguration : IEntityTypeConfiguration<NotificationPreference>
{
    public void Configure(EntityTypeBuilder<NotificationPreference> b)
    {
        b.ToTable("notification_preferences");
        b.HasIndex(x => new { x.UserId, x.ScopeId, x.Kind }).IsUnique();
        b.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public enum DigestFrequency { Never, Daily, Weekly, Monthly }

/// <summary>
/// A person's delivery rules for email: time zone, window, digest and daily maximum, plus the
/// dispatcher's bookkeeping (today's count, the next digest). Without a row: UTC, always open,
/// no digest, unlimited.
/// </summary>
public sealed class DeliverySettings
{
    public Guid UserId { get; set; }
    /// <summary>An IANA (or Windows) zone id understood by <see cref="TimeZoneInfo.FindSystemTimeZoneById"/>.</summary>
    public string TimeZone { get; set; } = "UTC";
    /// <summary>Days of the window, bit 0 = Monday … bit 6 = Sunday.</summary>
    public int WindowDays { get; set; } = DeliveryWindow.AllDays;
    /// <summary>First hour of the window, local, 0–23.</summary>
    public int WindowStartHour { get; set; }
    /// <summary>End of the window (exclusive), local, 1–24.</summary>
    public int WindowEndHour { get; set; } = 24;
    public DigestFrequency Digest { get; set; }
    /// <summary>Notification emails per local day; null is unlimited.</summary>
    public int? DailyMax { get; set; }
    public DateTime? NextDigestAt { get; set; }
    public DateTime? LastDigestAt { get; set; }
    /// <summary>The local day <see cref="SentToday"/> counts, as yyyy-MM-dd.</summary>
    public string? CountDay { get; set; }
    public int SentToday { get; set; }
}

public sealed class DeliverySettingsConfiguration : IEntityTypeConfiguration<DeliverySettings>
{
    public void Configure(EntityTypeBuilder<DeliverySettings> b)
    {
        b.ToTable("delivery_settings");
        b.HasKey(x => x.UserId);
        b.Property(x => x.TimeZone).HasMaxLength(64);
        b.Property(x => x.CountDay).HasMaxLength(10);
        b.HasIndex(x => x.NextDigestAt);
        b.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>An extra email address of an account, usable once confirmed by its link.</summary>
public sealed class EmailAddress
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public required string Address { get; set; }
    public required string NormalizedAddress { get; set; }
    /// <summary>SHA-256 of the confirmation secret; null once confirmed.</summary>
    public string? TokenHash { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ConfirmedAt { get; set; }
}

public sealed class EmailAddressConfiguration : IEntityTypeConfiguration<EmailAddress>
{
    public void Configure(EntityTypeBuilder<EmailAddress> b)
    {
        b.ToTable("email_addresses");
        b.Property(x => x.Address).HasMaxLength(254);
        b.Property(x => x.NormalizedAddress).HasMaxLength(254);
        b.Property(x => x.TokenHash).HasMaxLength(64);
        b.HasIndex(x => new { x.UserId, x.NormalizedAddress }).IsUnique();
        b.HasIndex(x => x.TokenHash).IsUnique();
        b.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>The address a person's email about one organization goes to (the account's own email without a row).</summary>
public sealed class OrganizationEmailChoice
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid EmailAddressId { get; set; }
}

public sealed class OrganizationEmailChoiceConfiguration : IEntityTypeConfiguration<OrganizationEmailChoice>
{
    public void Configure(EntityTypeBuilder<OrganizationEmailChoice> b)
    {
        b.ToTable("organization_email_choices");
        b.HasIndex(x => new { x.UserId, x.OrganizationId }).IsUnique();
        b.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<EmailAddress>().WithMany().HasForeignKey(x => x.EmailAddressId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Organizations.Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}
