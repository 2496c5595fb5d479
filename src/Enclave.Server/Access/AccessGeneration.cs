using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Enclave.Server.Access;

/// <summary>
/// The one row of <c>access_generation</c>: a number that the database's own triggers move on every
/// committed change to what decides a person's readable spheres (migration 0024_access_generation).
/// <see cref="ReadableSphereCache"/> keeps a person's spheres only while it is unchanged.
/// </summary>
public sealed class AccessGeneration
{
    public const int RowId = 1;
    public int Id { get; set; }
    public long Value { get; set; }
}

public sealed class AccessGenerationConfiguration : IEntityTypeConfiguration<AccessGeneration>
{
    public void Configure(EntityTypeBuilder<AccessGeneration> b)
    {
        b.ToTable("access_generation");
        b.Property(x => x.Id).ValueGeneratedNever();
    }
}
