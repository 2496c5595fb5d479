using Enclave.Server.Access;
using Enclave.Server.Spheres;

namespace Enclave.Server.Live;

/// <summary>Decides, through the gate, which of the candidate people may receive an event now.</summary>
public sealed class EventAudience(AccessGate gate)
{
    public async Task<HashSet<Guid>> RecipientsAsync(LiveEvent e, IReadOnlyCollection<Guid> candidates, CancellationToken cancellationToken)
    {
        if (e.SphereId is not { } sphereId)
            return e.UserId is { } only && candidates.Contains(only) ? [only] : [];
        IReadOnlyCollection<Guid> pool = candidates;
        if (e.Audience is not null)
        {
            var audience = e.Audience.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse).ToHashSet();
            pool = candidates.Where(audience.Contains).ToList();
        }
        else if (e.UserId is { } user && !e.StaffOnly)
        {
            pool = candidates.Contains(user) ? [user] : [];
        }
        if (pool.Count == 0) return [];
        var readers = await gate.ReadersAmongAsync(sphereId, pool, cancellationToken);
        if (!e.StaffOnly) return readers.Keys.ToHashSet();
        return readers.Where(r => r.Value is SphereRole.Administrator or SphereRole.Publisher || r.Key == e.UserId).Select(r => r.Key).ToHashSet();
    }
}
