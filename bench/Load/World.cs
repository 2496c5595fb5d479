using System.Collections.Concurrent;

namespace Enclave.Bench.Load;

/// <summary>
/// What the benchmark knows of the seeded world once its virtual users are signed in: the big global
/// sphere (the one most of them read), who may post there, and the posts created while delivery is
/// being measured.
/// </summary>
public sealed class World
{
    public World(IReadOnlyList<VirtualUser> users, int worldUsers)
    {
        Users = worldUsers;
        var global = users.SelectMany(u => u.Spheres.Where(s => s.Type == "global").Select(s => s.Id))
            .GroupBy(id => id).OrderByDescending(g => g.Count()).FirstOrDefault()
            ?? throw new InvalidOperationException("no virtual user reads a global sphere: is the world seeded?");
        BigGlobal = global.Key;
        BigGlobalReaders = global.Count();
        BigGlobalPosters = users.Where(u => u.Postable.Any(s => s.Id == BigGlobal)).ToList();
        if (BigGlobalPosters.Count == 0) throw new InvalidOperationException("nobody may post in the big global sphere");
    }

    public int Users { get; }
    public Guid BigGlobal { get; }
    public int BigGlobalReaders { get; }
    public IReadOnlyList<VirtualUser> BigGlobalPosters { get; }

    /// <summary>Posts whose delivery is measured: id → (request start, instance it was made through).</summary>
    public ConcurrentDictionary<Guid, (long Start, int Instance)> Tracked { get; } = new();
    public bool Tracking { get; set; }
}
