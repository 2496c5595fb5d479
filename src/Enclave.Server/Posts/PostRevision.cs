using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Enclave.Server.Posts;

/// <summary>A previous version of a post's body, kept when it is edited.</summary>
public sealed class PostRevision
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid SphereId { get; set; }
    public Guid PostId { get; set; }
    public required string Body { get; set; }
    public PostStyle Style { get; set; }
    /// <summary>Who wrote this version, and when it became current.</summary>
    public Guid AuthorId { get; set; }
    public DateTime WrittenAt { get; set; }
}

public sealed class PostRevisionConfiguration : IEntityTypeConfiguration<PostRevision>
{
    public void Configure(EntityTypeBuilder<PostRevision> b)
    {
        b.ToTable("post_revisions");
        b.Property(x => x.Body).HasMaxLength(PostRules.MaxBodyLength);
        b.HasIndex(x => x.PostId);
        b.HasOne<Post>().WithMany().HasForeignKey(x => x.PostId).OnDelete(DeleteBehavior.Cascade);
    }
}
