using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Enclave.Server.Accounts.TwoFactor;

/// <summary>
/// A person's authenticator secret. Written by the setup (pending, <see cref="EnabledAt"/> null)
/// and switched on by a first correct code. The secret is encrypted with ASP.NET Data Protection:
/// a copy of the database alone does not give the codes away.
/// </summary>
public sealed class TwoFactorCredential
{
    public Guid UserId { get; set; }
    public required string ProtectedSecret { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? EnabledAt { get; set; }
    /// <summary>The last time step whose code was accepted: a code is good once (no replay within its step).</summary>
    public long LastUsedStep { get; set; }
    /// <summary>Wrong codes in a row; counted apart from passwords so a known password cannot reset it.</summary>
    public int FailedAttempts { get; set; }
}

/// <summary>A single-use recovery code, kept only as its SHA-256 hash.</summary>
public sealed class RecoveryCode
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public required string CodeHash { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? UsedAt { get; set; }
}

public sealed class TwoFactorCredentialConfiguration : IEntityTypeConfiguration<TwoFactorCredential>
{
    public void Configure(EntityTypeBuilder<TwoFactorCredential> b)
    {
        b.ToTable("two_factor_credentials");
        b.HasKey(x => x.UserId);
        b.Property(x => x.ProtectedSecret).HasMaxLength(1000);
        b.HasOne<User>().WithOne().HasForeignKey<TwoFactorCredential>(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class RecoveryCodeConfiguration : IEntityTypeConfiguration<RecoveryCode>
{
    public void Configure(EntityTypeBuilder<RecoveryCode> b)
    {
        b.ToTable("recovery_codes");
        b.Property(x => x.CodeHash).HasMaxLength(64);
        b.HasIndex(x => new { x.UserId, x.CodeHash }).IsUnique();
        b.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
