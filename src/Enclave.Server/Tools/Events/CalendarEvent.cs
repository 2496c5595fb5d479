using Enclave.Server.Accounts;
using Enclave.Server.Spheres;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Enclave.Server.Tools.Events;

public enum EventType { Meeting, Conference, Training, Social, Other }

public enum EventStatus { Scheduled, Cancelled }

/// <summary>
/// An event of one sphere's calendar. Times are stored in UTC with the IANA zone the organizer
/// chose, so the calendar export can say "10:00 Europe/Paris" while each viewer sees their own
/// local time. <see cref="Sequence"/> grows on every change (RFC 5545 SEQUENCE), and the reminder
/// schedule lives on the row itself (<see cref="ReminderDueAt"/>) so that it survives restarts.
/// </summary>
public sealed class CalendarEvent
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid SphereId { get; set; }
    /// <summary>Null once the organizer's account is closed with anonymization.</summary>
    public Guid? CreatedById { get; set; }
    public EventType Type { get; set; }
    public string Title { get; set; } = "";
    public string? Description { get; set; }
    public DateTime StartUtc { get; set; }
    public DateTime EndUtc { get; set; }
    public string TimeZone { get; set; } = "UTC";
    public string? Place { get; set; }
    public string? OnlineUrl { get; set; }
    /// <summary>Spots; null for no limit. Extra "yes" answers wait in line.</summary>
    public int? Capacity { get; set; }
    public EventStatus Status { get; set; }
    public int Sequence { get; set; }
    /// <summary>Minutes before the start at which "yes" and "maybe" attendees are reminded; null for no reminder.</summary>
    public int? RemindMinutesBefore { get; set; }
    public DateTime? ReminderDueAt { get; set; }
    public DateTime? ReminderSentAt { get; set; }
    /// <summary>The random room name of the event's video meeting (Tools/Meetings), when one was created.</summary>
    public string? MeetingRoom { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

public sealed class CalendarEventConfiguration : IEntityTypeConfiguration<CalendarEvent>
{
    public const int MaxTitle = 200;
    public const int MaxDescription = 10_000;
    public const int MaxPlace = 300;
    public const int MaxUrl = 2000;
    public const int MaxZone = 64;

    public void Configure(EntityTypeBuilder<CalendarEvent> b)
    {
        b.ToTable("events");
        b.Property(x => x.Title).HasMaxLength(MaxTitle);
        b.Property(x => x.Description).HasMaxLength(MaxDescription);
        b.Property(x => x.TimeZone).HasMaxLength(MaxZone);
        b.Property(x => x.Place).HasMaxLength(MaxPlace);
        b.Property(x => x.OnlineUrl).HasMaxLength(MaxUrl);
        b.Property(x => x.MeetingRoom).HasMaxLength(64);
        // The calendar's range query: a sphere's events by start.
        b.HasIndex(x => new { x.SphereId, x.StartUtc });
        // The reminder job: due, not yet sent.
        b.HasIndex(x => new { x.ReminderSentAt, x.ReminderDueAt });
        b.HasIndex(x => x.CreatedById);
        b.HasOne<Sphere>().WithMany().HasForeignKey(x => x.SphereId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<User>().WithMany().HasForeignKey(x => x.CreatedById).OnDelete(DeleteBehavior.SetNull);
    }
}
