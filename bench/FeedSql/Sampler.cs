using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Spheres;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Bench.FeedSql;

public sealed record Sample(Guid UserId, string UserName, bool IsPlatformAdmin, Guid SphereId, SphereType SphereType)
{
    public Viewer Viewer => new(UserId, IsPlatformAdmin);
}

/// <summary>
/// Deterministic samples of the seeded world: user000001, then user names spread evenly over the
/// seeded people (the next one when a person reads no sphere). Even samples read the largest
/// organization's global sphere when they can (the busiest sphere of the world, as in the load
/// benchmark's traffic), odd ones another of their readable spheres.
/// </summary>
public static class Sampler
{
    private const int MaxSkips = 50;

    public static async Task<List<Sample>> PickAsync(IServiceProvider services, int count)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EnclaveDb>();
        var gate = scope.ServiceProvider.GetRequiredService<AccessGate>();
        var seeded = await db.Users.CountAsync(u => u.UserName.StartsWith("user"));
        if (seeded == 0) throw new InvalidOperationException("No seeded users (user000001...): load a world with the seed command first.");
        var bigGlobal = await BigGlobalSphereAsync(db);

        var samples = new List<Sample>();
        for (var k = 0; k < count; k++)
        {
            var start = 1 + (int)((long)k * seeded / count);
            for (var n = start; n < start + MaxSkips && n <= seeded; n++)
            {
                var name = $"user{n:D6}";
                if (samples.Any(s => s.UserName == name)) continue;
                var user = await db.Users.AsNoTracking().Where(u => u.UserName == name).Select(u => new { u.Id, u.IsPlatformAdmin }).FirstOrDefaultAsync();
                if (user is null) continue;
                var spheres = await gate.ReadableSpheres(user.Id).AsNoTracking().OrderBy(s => s.Id).Select(s => new { s.Id, s.Type }).ToListAsync();
                if (spheres.Count == 0) continue;
                var others = spheres.Where(s => s.Id != bigGlobal).ToList();
                var sphere = (k % 2 == 0 && spheres.Any(s => s.Id == bigGlobal)) || others.Count == 0
                    ? spheres.FirstOrDefault(s => s.Id == bigGlobal) ?? spheres[0]
                    : others[k / 2 % others.Count];
                samples.Add(new Sample(user.Id, name, user.IsPlatformAdmin, sphere.Id, sphere.Type));
                break;
            }
        }
        if (samples.Count == 0) throw new InvalidOperationException("No seeded user reads a sphere.");
        return samples;
    }

    private static async Task<Guid?> BigGlobalSphereAsync(EnclaveDb db)
    {
        var largest = await db.OrganizationMembers.GroupBy(m => m.OrganizationId)
            .Select(g => new { OrganizationId = g.Key, Members = g.Count() })
            .OrderByDescending(g => g.Members).ThenBy(g => g.OrganizationId).FirstOrDefaultAsync();
        if (largest is null) return null;
        return await db.Spheres.Where(s => s.OrganizationId == largest.OrganizationId && s.Type == SphereType.Global)
            .Select(s => (Guid?)s.Id).FirstOrDefaultAsync();
    }
}
