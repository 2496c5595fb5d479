using Enclave.Server.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Enclave.Server.Tools.Events;

/// <summary>What a person answered; <see cref="Waiting"/> is a "yes" beyond the capacity, in line for a spot.</summary>
public enum RsvpStatus { Yes, No, Maybe, Waiting }

/// <summary>One person's answer to one event: one row per (event, person), a database rule.</summary>
public sealed class EventRsvp
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid EventId { get; set; }
    public Guid UserId { get; set; }
    public RsvpStatus Status { get; set; }
    /// <summary>Place in the waiting list (smaller first), set when the person starts waiting.</summary>
    public long? WaitPosition { get; set; }
    public DateTime RespondedAt { get; set; }
}

public sealed class EventRsvpConfiguration : IEntityTypeConfiguration<EventRsvp>
{
    public void Configure(EntityTypeBuilder<EventRsvp> b)
    {
        b.ToTable("event_rsvps");
        b.HasIndex(x => new { x.EventId, x.UserId }).IsUnique();
        b.HasIndex(x => new { x.EventId, x.Status, x.WaitPosition });
        b.HasIndex(x => x.UserId);
        b.HasOne<CalendarEvent>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>
/// A person's secret calendar feed: only the SHA-256 of the token is stored. One per person;
/// regenerating replaces the row, so the old URL stops working at once.
/// </summary>
public sealed class CalendarFeedToken
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public string TokenHash { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
}

public sealed class CalendarFeedTokenConfiguration : IEntityTypeConfiguration<CalendarFeedToken>
{
    public void Configure(EntityTypeBuilder<CalendarFeedToken> b)
    {
        b.ToTable("calendar_feed_tokens");
        b.Property(x => x.TokenHash).HasMaxLength(64);
        b.HasIndex(x => x.UserId).IsUnique();
        b.HasIndex(x => x.TokenHash).IsUnique();
        b.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
