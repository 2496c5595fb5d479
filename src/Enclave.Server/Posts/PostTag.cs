using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Enclave.Server.Posts;

/// <summary>A <c>#tag</c> of a post, for the sphere's tag list and filter.</summary>
public sealed class PostTag
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid SphereId { get; set; }
    public Guid PostId { get; set; }
    public required string Tag { get; set; }
}

public sealed class PostTagConfiguration : IEntityTypeConfiguration<PostTag>
{
    public void Configure(EntityTypeBuilder<PostTag> b)
    {
        b.ToTable("post_tags");
        b.Property(x => x.Tag).HasMaxLength(50);
        b.HasIndex(x => new { x.PostId, x.Tag }).IsUnique();
        b.HasIndex(x => new { x.SphereId, x.Tag });
        b.HasOne<Post>().WithMany().HasForeignKey(x => x.PostId).OnDelete(DeleteBehavior.Cascade);
    }
}
