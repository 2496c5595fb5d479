using Enclave.Server.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Enclave.Server.Memberships;

public enum InvitationStatus { AwaitingApproval, Pending, Accepted, Declined, Revoked }

/// <summary>
/// An invitation into an organization (<see cref="SphereId"/> null) or into a sphere. Addressed to
/// a known user or to an email address; either way it carries a single-use link token (stored
/// hashed) that expires. Invitations proposed by non-administrators wait for approval.
/// </summary>
public sealed class Invitation
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid? SphereId { get; set; }
    public Guid InvitedById { get; set; }
    public Guid? InviteeUserId { get; set; }
    public string? InviteeEmail { get; set; }
    /// <summary>The role granted on acceptance: an <c>OrganizationRole</c> or <c>SphereRole</c> name.</summary>
    public required string Role { get; set; }
    public string Message { get; set; } = "";
    public required string TokenHash { get; set; }
    public InvitationStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? DecidedAt { get; set; }
    public Guid? AcceptedById { get; set; }
}

public sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> b)
    {
        b.ToTable("invitations");
        b.Property(x => x.InviteeEmail).HasMaxLength(254);
        b.Property(x => x.Role).HasMaxLength(32);
        b.Property(x => x.Message).HasMaxLength(1000);
        b.Property(x => x.TokenHash).HasMaxLength(64);
        b.HasIndex(x => x.TokenHash).IsUnique();
        b.HasIndex(x => new { x.OrganizationId, x.SphereId, x.Status });
        b.HasIndex(x => new { x.InviteeUserId, x.Status });
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}
