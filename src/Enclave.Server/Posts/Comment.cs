using Enclave.Server.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Enclave.Server.Posts;

public enum CommentStatus { Published, AwaitingApproval }

/// <summary>A comment on a post (one level). In forum spheres, comments wait for staff approval.</summary>
public sealed class Comment
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid SphereId { get; set; }
    public Guid PostId { get; set; }
    public Guid AuthorId { get; set; }
    public required string Body { get; set; }
    public required string BodyHtml { get; set; }
    public CommentStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? EditedAt { get; set; }
    /// <summary>Hidden by a moderator: kept for the sphere's staff, gone for everyone else.</summary>
    public DateTime? HiddenAt { get; set; }
}

public sealed class CommentConfiguration : IEntityTypeConfiguration<Comment>
{
    public void Configure(EntityTypeBuilder<Comment> b)
    {
        b.ToTable("comments");
        b.Property(x => x.Body).HasMaxLength(PostRules.MaxBodyLength);
        b.Property(x => x.BodyHtml).HasMaxLength(200_000);
        b.HasIndex(x => new { x.PostId, x.Id });
        b.HasIndex(x => new { x.SphereId, x.Status });
        b.HasOne<Post>().WithMany().HasForeignKey(x => x.PostId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<User>().WithMany().HasForeignKey(x => x.AuthorId).OnDelete(DeleteBehavior.Cascade);
    }
}
