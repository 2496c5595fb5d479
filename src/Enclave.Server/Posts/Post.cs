using Enclave.Server.Accounts;
using Enclave.Server.Spheres;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Enclave.Server.Posts;

public enum PostStyle { Information, Question, Problem, Important, Idea }

/// <summary>
/// A message in one sphere's feed. Public posts are for the sphere's readers; private posts for
/// their author and chosen recipients (<see cref="PostRecipient"/>). A scheduled post has no
/// <see cref="FeedKey"/> until it is published: the key is a UUIDv7 minted at publication, so the
/// feed orders by when readers could first see a post.
/// </summary>
public sealed class Post
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid SphereId { get; set; }
    public Guid AuthorId { get; set; }
    public required string Body { get; set; }
    public required string BodyHtml { get; set; }
    public PostStyle Style { get; set; }
    public bool IsPrivate { get; set; }
    public Guid? FeedKey { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? PublishAt { get; set; }
    public DateTime? PublishedAt { get; set; }
    public DateTime? DeleteAt { get; set; }
    public DateTime? EditedAt { get; set; }
    public DateTime? PinnedAt { get; set; }
    public Guid? CopiedFromPostId { get; set; }
    public Guid? CopiedFromSphereId { get; set; }
    public int CommentCount { get; set; }
    /// <summary>Hidden by a moderator: kept for the sphere's moderators, gone for everyone else (see AccessGate).</summary>
    public DateTime? HiddenAt { get; set; }
    /// <summary>The sphere tool item this post carries into the feed (a poll, an event, a document...), by kind and id; see Tools/.</summary>
    public string? ToolKind { get; set; }
    public Guid? ToolItemId { get; set; }
}

public sealed class PostConfiguration : IEntityTypeConfiguration<Post>
{
    public void Configure(EntityTypeBuilder<Post> b)
    {
        b.ToTable("posts");
        b.Property(x => x.Body).HasMaxLength(PostRules.MaxBodyLength);
        b.Property(x => x.BodyHtml).HasMaxLength(200_000);
        // The sphere feed and the home feed's per-sphere streams read this index newest first.
        b.HasIndex(x => new { x.SphereId, x.FeedKey });
        b.HasIndex(x => new { x.SphereId, x.PinnedAt });
        b.HasIndex(x => x.PublishAt);
        b.HasIndex(x => x.DeleteAt);
        b.HasIndex(x => x.AuthorId);
        // The analytics rollup reads newly published posts in feed-key order.
        b.HasIndex(x => x.FeedKey);
        b.Property(x => x.ToolKind).HasMaxLength(16);
        // A tool finds the posts that carry one of its items (to show or withdraw them).
        b.HasIndex(x => x.ToolItemId);
        b.HasOne<Sphere>().WithMany().HasForeignKey(x => x.SphereId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<User>().WithMany().HasForeignKey(x => x.AuthorId).OnDelete(DeleteBehavior.Cascade);
    }
}
