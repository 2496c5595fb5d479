using Enclave.Server.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Enclave.Server.Posts;

/// <summary>A chosen reader of a private post (always a member of the post's sphere).</summary>
public sealed class PostRecipient
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid SphereId { get; set; }
    public Guid PostId { get; set; }
    public Guid UserId { get; set; }
}

public sealed class PostRecipientConfiguration : IEntityTypeConfiguration<PostRecipient>
{
    public void Configure(EntityTypeBuilder<PostRecipient> b)
    {
        b.ToTable("post_recipients");
        b.HasIndex(x => new { x.PostId, x.UserId }).IsUnique();
        b.HasIndex(x => new { x.UserId, x.SphereId });
        b.HasOne<Post>().WithMany().HasForeignKey(x => x.PostId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
