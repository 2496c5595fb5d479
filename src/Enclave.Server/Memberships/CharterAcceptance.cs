using Enclave.Server.Accounts;
using Enclave.Server.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Enclave.Server.Memberships;

/// <summary>A user accepted version <see cref="Version"/> of an organization's (SphereId null) or a sphere's charter.</summary>
public sealed class CharterAcceptance
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid? SphereId { get; set; }
    public Guid UserId { get; set; }
    public int Version { get; set; }
    public DateTime AcceptedAt { get; set; }
}

public sealed class CharterAcceptanceConfiguration : IEntityTypeConfiguration<CharterAcceptance>
{
    public void Configure(EntityTypeBuilder<CharterAcceptance> b)
    {
        b.ToTable("charter_acceptances");
        b.HasIndex(x => new { x.UserId, x.OrganizationId, x.SphereId, x.Version }).IsUnique();
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
