using Enclave.Server.Accounts;
using Enclave.Server.Spheres;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Enclave.Server.Tools.Polls;

/// <summary>When the poll's counts may be read: once the reader voted (and by everyone after closing), or only after closing.</summary>
public enum PollResultsVisibility { AfterVote, AfterClose }

/// <summary>A poll of one sphere: a question, its options, and the rules of the vote.</summary>
public sealed class Poll
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid SphereId { get; set; }
    public Guid AuthorId { get; set; }
    public required string Question { get; set; }
    public bool Multiple { get; set; }
    /// <summary>For multiple choice: at most this many choices (the "other" answer counts as one); null for no limit.</summary>
    public int? MaxChoices { get; set; }
    public bool AllowOther { get; set; }
    public bool Anonymous { get; set; }
    public PollResultsVisibility ResultsVisibility { get; set; }
    public DateTime? ClosesAt { get; set; }
    /// <summary>Set when the author or the sphere's staff close the poll early.</summary>
    public DateTime? ClosedAt { get; set; }
    public DateTime CreatedAt { get; set; }

    public bool IsClosed(DateTime now) => ClosedAt is not null || (ClosesAt is { } at && at <= now);
}

public sealed class PollOption
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid PollId { get; set; }
    public int Position { get; set; }
    public required string Text { get; set; }
}

/// <summary>
/// One member's vote on one poll. The unique (poll, user) index is what makes "one vote per
/// member" hold under concurrency. For an anonymous poll the row is the only link between a person
/// and their choices, kept solely to enforce that rule and let them change their vote: its id is
/// random (not time-ordered) and <see cref="CastAt"/> stays null, so not even the order or time of
/// votes is stored, and no API answer ever names who chose what.
/// </summary>
public sealed class PollBallot
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid SphereId { get; set; }
    public Guid PollId { get; set; }
    public Guid UserId { get; set; }
    public string? OtherText { get; set; }
    public DateTime? CastAt { get; set; }
}

public sealed class PollChoice
{
    public Guid BallotId { get; set; }
    public Guid OptionId { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid PollId { get; set; }
}

public sealed class PollConfiguration : IEntityTypeConfiguration<Poll>
{
    public void Configure(EntityTypeBuilder<Poll> b)
    {
        b.ToTable("polls");
        b.Property(x => x.Question).HasMaxLength(PollRules.MaxQuestion);
        b.Property(x => x.ResultsVisibility).HasConversion<string>().HasMaxLength(20);
        // The sphere's list, newest first.
        b.HasIndex(x => new { x.SphereId, x.Id });
        b.HasIndex(x => x.AuthorId);
        b.HasOne<Sphere>().WithMany().HasForeignKey(x => x.SphereId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<User>().WithMany().HasForeignKey(x => x.AuthorId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class PollOptionConfiguration : IEntityTypeConfiguration<PollOption>
{
    public void Configure(EntityTypeBuilder<PollOption> b)
    {
        b.ToTable("poll_options");
        b.Property(x => x.Text).HasMaxLength(PollRules.MaxOption);
        b.HasIndex(x => new { x.PollId, x.Position }).IsUnique();
        b.HasOne<Poll>().WithMany().HasForeignKey(x => x.PollId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class PollBallotConfiguration : IEntityTypeConfiguration<PollBallot>
{
    public void Configure(EntityTypeBuilder<PollBallot> b)
    {
        b.ToTable("poll_ballots");
        b.Property(x => x.OtherText).HasMaxLength(PollRules.MaxOther);
        b.HasIndex(x => new { x.PollId, x.UserId }).IsUnique();
        b.HasIndex(x => x.UserId);
        b.HasOne<Poll>().WithMany().HasForeignKey(x => x.PollId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class PollChoiceConfiguration : IEntityTypeConfiguration<PollChoice>
{
    public void Configure(EntityTypeBuilder<PollChoice> b)
    {
        b.ToTable("poll_choices");
        b.HasKey(x => new { x.BallotId, x.OptionId });
        // Counting a poll's results.
        b.HasIndex(x => new { x.PollId, x.OptionId });
        b.HasIndex(x => x.OptionId);
        b.HasOne<PollBallot>().WithMany().HasForeignKey(x => x.BallotId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<PollOption>().WithMany().HasForeignKey(x => x.OptionId).OnDelete(DeleteBehavior.Cascade);
    }
}

public static class PollRules
{
    public const int MaxQuestion = 300;
    public const int MaxOption = 200;
    public const int MaxOther = 200;
    public const int MinOptions = 2;
    public const int MaxOptions = 20;
    /// <summary>Named polls list at most this many voters per option in an answer.</summary>
    public const int MaxVotersShown = 200;
    public static readonly TimeSpan MaxOpenFor = TimeSpan.FromDays(366);
}
