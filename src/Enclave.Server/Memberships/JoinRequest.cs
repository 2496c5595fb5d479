using Enclave.Server.Accounts;
using Enclave.Server.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Enclave.Server.Memberships;

public enum JoinRequestStatus { Pending, Approved, Refused, Cancelled }

/// <summary>Someone asks to join an organization (<see cref="SphereId"/> null) or a sphere; staff decide.</summary>
public sealed class JoinRequest
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid? SphereId { get; set; }
    public Guid UserId { get; set; }
    public string Message { get; set; } = "";
    public JoinRequestStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? DecidedAt { get; set; }
    public Guid? DecidedById { get; set; }
}

public sealed class JoinRequestConfiguration : IEntityTypeConfiguration<JoinRequest>
{
    public void Configure(EntityTypeBuilder<JoinRequest> b)
    {
        b.ToTable("join_requests");
        b.Property(x => x.Message).HasMaxLength(1000);
        b.HasIndex(x => new { x.OrganizationId, x.SphereId, x.Status });
        b.HasIndex(x => new { x.UserId, x.Status });
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
