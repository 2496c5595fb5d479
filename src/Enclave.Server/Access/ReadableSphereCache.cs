using Enclave.Server.Spheres;
using Microsoft.Extensions.Caching.Memory;

namespace Enclave.Server.Access;

/// <summary>A sphere the person reads, with the labels a feed shows beside its posts.</summary>
public sealed record ReadableSphere(Guid Id, string Name, Guid OrganizationId, string OrganizationName, bool PersonalOrganization, SphereRole? Role);

/// <summary>
/// Each person's readable spheres, kept in this server's memory under the access generation read
/// <em>before</em> they were read (<see cref="AccessGate.ReadableSphereListAsync"/>).
/// </summary>
/// <remarks>
/// Why: the gate's readable-spheres statement was a third of the database's time per home page
/// on the 100,000-member world, three quarters of it planning (docs/PERFORMANCE.md, fix 12), and
/// it gives the same answer until a membership, charter, sphere or organization changes.
/// Why it cannot serve a stale answer: the database's triggers move the generation in the same
/// transaction as any such change, so a change is visible no earlier than the new number. A list
/// read after a change committed but stored under the number read before it is only ever
/// served for that older number, which no later request reads. Every server reads the number
/// from the database, so two instances need nothing from each other.
/// At most <see cref="People"/> people are kept (a few kilobytes each); the least recently used
/// go first, and a person not seen for ten minutes is dropped.
/// </remarks>
public sealed class ReadableSphereCache : IDisposable
{
    public const int People = 20_000;
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(10);
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = People });

    private sealed record Entry(long Generation, IReadOnlyList<ReadableSphere> Spheres);

    internal bool TryGet(Guid userId, long generation, out IReadOnlyList<ReadableSphere> spheres)
    {
        if (_cache.TryGetValue(userId, out Entry? entry) && entry!.Generation == generation)
        {
            spheres = entry.Spheres;
            return true;
        }
        spheres = [];
        return false;
    }

    internal void Set(Guid userId, long generation, IReadOnlyList<ReadableSphere> spheres) =>
        _cache.Set(userId, new Entry(generation, spheres), new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = Idle });

    public void Dispose() => _cache.Dispose();
}
