using Enclave.Server.Accounts;
using Enclave.Server.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Enclave.Server.Federations;

public enum FederationRequestStatus { Pending, Accepted, Refused, Cancelled }

/// <summary>A daughter's manager asks to attach it under a mother; a manager of the mother decides.</summary>
public sealed class FederationRequest
{
    public Guid Id { get; set; }
    /// <summary>The daughter (the tenant key of this row).</summary>
    public Guid OrganizationId { get; set; }
    public Guid ParentId { get; set; }
    public Guid RequestedById { get; set; }
    public FederationRequestStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? DecidedAt { get; set; }
    public Guid? DecidedById { get; set; }
}

public sealed class FederationRequestConfiguration : IEntityTypeConfiguration<FederationRequest>
{
    public void Configure(EntityTypeBuilder<FederationRequest> b)
    {
        b.ToTable("federation_requests");
        b.HasIndex(x => new { x.ParentId, x.Status });
        b.HasIndex(x => new { x.OrganizationId, x.Status });
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<User>().WithMany().HasForeignKey(x => x.RequestedById).OnDelete(DeleteBehavior.Cascade);
    }
}
