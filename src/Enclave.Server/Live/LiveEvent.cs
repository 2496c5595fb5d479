using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Enclave.Server.Live;

/// <summary>
/// One event of the live stream, kept for <see cref="LiveOptions.Retention"/> so that a client
/// reconnecting with <c>Last-Event-ID</c> gets what it missed. An event is either addressed to one
/// person (<see cref="UserId"/>) or about sphere content (<see cref="SphereId"/>, with
/// <see cref="Audience"/> listing the readers of a private post); who receives it is decided by
/// the access gate at delivery time, never stored as a list of recipients.
/// </summary>
public sealed class LiveEvent
{
    public Guid Id { get; set; }
    public Guid? OrganizationId { get; set; }
    public Guid? SphereId { get; set; }
    public Guid? UserId { get; set; }
    /// <summary>Comma-separated user ids for private content; null for everyone who reads the sphere.</summary>
    public string? Audience { get; set; }
    /// <summary>Only staff of the sphere (and <see cref="UserId"/>, when set) may see it: e.g. a comment awaiting approval.</summary>
    public bool StaffOnly { get; set; }
    public required string Type { get; set; }
    public required string Data { get; set; }
    public DateTime CreatedAt { get; set; }
}

public sealed class LiveEventConfiguration : IEntityTypeConfiguration<LiveEvent>
{
    public void Configure(EntityTypeBuilder<LiveEvent> b)
    {
        b.ToTable("live_events");
        b.Property(x => x.Type).HasMaxLength(40);
        b.Property(x => x.Data).HasMaxLength(20_000);
        b.Property(x => x.Audience).HasMaxLength(10_000);
        b.HasIndex(x => x.CreatedAt);
    }
}

public sealed class LiveOptions
{
    /// <summary>How long missed events can be replayed after a reconnect (default 24 hours).</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often an idle stream sends a keep-alive <c>ping</c> event.</summary>
    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromSeconds(20);
}
