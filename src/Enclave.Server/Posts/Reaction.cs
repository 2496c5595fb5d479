using Enclave.Server.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Enclave.Server.Posts;

/// <summary>The fixed set of reactions: a like and a few emoji.</summary>
public enum ReactionKind { Like, Love, Laugh, Wow, Sad, Thanks }

/// <summary>
/// One person's reaction of one kind to a post or a comment (<see cref="TargetId"/>). The unique
/// index makes "one of each per person" a database rule, so concurrent clicks create one row.
/// </summary>
public sealed class Reaction
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid SphereId { get; set; }
    public Guid PostId { get; set; }
    public Guid TargetId { get; set; }
    public Guid UserId { get; set; }
    public ReactionKind Kind { get; set; }
    public DateTime CreatedAt { get; set; }
}

public sealed class ReactionConfiguration : IEntityTypeConfiguration<Reaction>
{
    public void Configure(EntityTypeBuilder<Reaction> b)
    {
        b.ToTable("reactions");
        b.HasIndex(x => new { x.TargetId, x.UserId, x.Kind }).IsUnique();
        b.HasIndex(x => x.PostId);
        b.HasOne<Post>().WithMany().HasForeignKey(x => x.PostId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
