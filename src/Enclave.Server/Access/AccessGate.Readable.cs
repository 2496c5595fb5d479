using Enclave.Server.Spheres;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Access;

/// <summary>The readable spheres with their labels, through <see cref="ReadableSphereCache"/>.</summary>
public sealed partial class AccessGate
{
    /// <summary>
    /// The spheres whose content the person reads (<see cref="ReadableSpheres"/>), with names and
    /// the person's role, from this server's cache while the access generation has not moved.
    /// </summary>
    public async Task<IReadOnlyList<ReadableSphere>> ReadableSphereListAsync(Guid userId, CancellationToken cancellationToken)
    {
        // Inside a transaction the request may have changed a membership itself, and PostgreSQL
        // moves the generation only at commit: read the rule directly, and keep nothing.
        if (db.Database.CurrentTransaction is not null) return await ReadReadableSpheresAsync(userId, cancellationToken);
        // The number first, then the spheres: never the other way round (ReadableSphereCache).
        var generation = await db.AccessGenerations.AsNoTracking().Where(g => g.Id == AccessGeneration.RowId)
            .Select(g => g.Value).FirstAsync(cancellationToken);
        if (readableSpheres.TryGet(userId, generation, out var cached)) return cached;
        var spheres = await ReadReadableSpheresAsync(userId, cancellationToken);
        readableSpheres.Set(userId, generation, spheres);
        return spheres;
    }

    private async Task<IReadOnlyList<ReadableSphere>> ReadReadableSpheresAsync(Guid userId, CancellationToken cancellationToken) =>
        await ReadableSphereLabels(userId).ToListAsync(cancellationToken);

    /// <summary>The statement behind <see cref="ReadableSphereListAsync"/> (its tables and columns are what the generation's triggers watch).</summary>
    internal IQueryable<ReadableSphere> ReadableSphereLabels(Guid userId) =>
        ReadableSpheres(userId).AsNoTracking().Select(s => new ReadableSphere(
            s.Id,
            s.Name,
            s.OrganizationId,
            db.Organizations.Where(o => o.Id == s.OrganizationId).Select(o => o.Name).First(),
            db.Organizations.Where(o => o.Id == s.OrganizationId).Select(o => o.IsPersonal).First(),
            db.SphereMembers.Where(m => m.SphereId == s.Id && m.UserId == userId).Select(m => (SphereRole?)m.Role).FirstOrDefault()));
}
