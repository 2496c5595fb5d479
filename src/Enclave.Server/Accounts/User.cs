using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Enclave.Server.Accounts;

public sealed class User
{
    public Guid Id { get; set; }
    public required string UserName { get; set; }
    /// <summary>Lower-cased user name: uniqueness is case-insensitive on both engines.</summary>
    public required string NormalizedUserName { get; set; }
    public required string FirstName { get; set; }
    public required string LastName { get; set; }
    public required string Email { get; set; }
    public required string NormalizedEmail { get; set; }
    public required string PasswordHash { get; set; }
    public string Bio { get; set; } = "";
    public string Status { get; set; } = "";
    public string? AvatarKey { get; set; }
    public string? AvatarContentType { get; set; }
    public bool IsPlatformAdmin { get; set; }
    /// <summary>The hidden organization holding this user's personal spheres.</summary>
    public Guid PersonalOrganizationId { get; set; }
    public string Language { get; set; } = "en";
    public int FailedLogins { get; set; }
    public DateTime? LockedUntil { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>When an organization manager or a platform administrator verified this person's identity (null: not verified).</summary>
    public DateTime? IdentityVerifiedAt { get; set; }
    public Guid? IdentityVerifiedById { get; set; }
    /// <summary>The organization on whose behalf the identity was verified; null when a platform administrator did.</summary>
    public Guid? IdentityVerifiedByOrganizationId { get; set; }

    public bool IsIdentityVerified => IdentityVerifiedAt is not null;
    /// <summary>When the person closed the account (Privacy/Closing); it stays set on an anonymized tombstone.</summary>
    public DateTime? ClosedAt { get; set; }
    public Privacy.ClosingChoice? ClosingChoice { get; set; }
    /// <summary>End of the grace period: the purge job erases the account from then on; null once purged (or never closed).</summary>
    public DateTime? PurgeAfter { get; set; }

    public string DisplayName => $"{FirstName} {LastName}".Trim();
}

public sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> b)
    {
        b.ToTable("users");
        b.Property(x => x.UserName).HasMaxLength(32);
        b.Property(x => x.NormalizedUserName).HasMaxLength(32);
        b.HasIndex(x => x.NormalizedUserName).IsUnique();
        b.Property(x => x.FirstName).HasMaxLength(100);
        b.Property(x => x.LastName).HasMaxLength(100);
        b.Property(x => x.Email).HasMaxLength(254);
        b.Property(x => x.NormalizedEmail).HasMaxLength(254);
        b.HasIndex(x => x.NormalizedEmail).IsUnique();
        b.Property(x => x.PasswordHash).HasMaxLength(200);
        b.Property(x => x.Bio).HasMaxLength(2000);
        b.Property(x => x.Status).HasMaxLength(120);
        b.Property(x => x.AvatarKey).HasMaxLength(200);
        b.Property(x => x.AvatarContentType).HasMaxLength(50);
        b.Property(x => x.Language).HasMaxLength(8);
        b.HasIndex(x => x.PurgeAfter);
        b.Ignore(x => x.DisplayName);
        b.Ignore(x => x.IsIdentityVerified);
    }
}
