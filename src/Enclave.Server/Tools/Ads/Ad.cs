using Enclave.Server.Posts;
using Enclave.Server.Spheres;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Enclave.Server.Tools.Ads;

public enum AdCategory { Offer, Request, Exchange, Lending, Job, Other }

public enum AdStatus { Open, Reserved, Closed }

/// <summary>
/// A classified ad: a post of the sphere (its text, photos, comments and reactions, its
/// visibility) plus this row, one to one, with what makes it an ad. Deleting the post deletes the ad.
/// </summary>
public sealed class Ad
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid SphereId { get; set; }
    public Guid PostId { get; set; }
    public AdCategory Category { get; set; }
    public required string Title { get; set; }
    /// <summary>The price in hundredths of <see cref="Currency"/> (whole numbers compare the same way on both engines).</summary>
    public long? PriceCents { get; set; }
    /// <summary>ISO 4217 code (EUR, CHF...), present exactly when there is a price.</summary>
    public string? Currency { get; set; }
    public string? Location { get; set; }
    public AdStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? StatusChangedAt { get; set; }
}

public sealed class AdConfiguration : IEntityTypeConfiguration<Ad>
{
    public void Configure(EntityTypeBuilder<Ad> b)
    {
        b.ToTable("ads");
        b.Property(x => x.Title).HasMaxLength(AdRules.MaxTitle);
        b.Property(x => x.Location).HasMaxLength(AdRules.MaxLocation);
        b.Property(x => x.Currency).HasMaxLength(3);
        b.Property(x => x.Category).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(x => x.PostId).IsUnique();
        // The sphere's ads page, newest first, filtered by category or status.
        b.HasIndex(x => new { x.SphereId, x.Id });
        b.HasIndex(x => new { x.SphereId, x.Category, x.Id });
        b.HasOne<Post>().WithMany().HasForeignKey(x => x.PostId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Sphere>().WithMany().HasForeignKey(x => x.SphereId).OnDelete(DeleteBehavior.Cascade);
    }
}

public static class AdRules
{
    public const int MaxTitle = 120;
    public const int MaxLocation = 120;
    public const decimal MaxPrice = 1_000_000_000m;
}
