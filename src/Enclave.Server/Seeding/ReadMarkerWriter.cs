using Enclave.Server.Posts;
using Enclave.Server.Spheres;

namespace Enclave.Server.Seeding;

/// <summary>
/// Read markers: most members of a sphere have read it up to the post published at 90% of the
/// timeline (so the last tenth is unread for them); in global spheres a quarter of the insiders have.
/// </summary>
public sealed class ReadMarkerWriter(WorldPlan plan, BulkSink sink)
{
    public async Task WriteAsync(CancellationToken cancellationToken)
    {
        var rng = SeedRandom.For(plan.Options.Seed, 6);
        var at = SeedOptions.Start.AddDays(SeedOptions.TimelineDays * 0.9).AddHours(1);
        var rows = new List<ReadMarker>(WorldWriter.Batch);
        foreach (var sphere in plan.Spheres)
        {
            if (sphere.ReadMarkerKey is not { } key) continue;
            var share = sphere.Type == SphereType.Global ? 0.25 : 0.7;
            foreach (var user in sphere.Readers)
            {
                if (!rng.Chance(share)) continue;
                rows.Add(new ReadMarker { Id = rng.Id(at), OrganizationId = plan.Orgs[sphere.Org].Id, SphereId = sphere.Id, UserId = plan.UserIds[user], ReadUpTo = key, UpdatedAt = at });
                if (rows.Count < WorldWriter.Batch) continue;
                await sink.WriteAsync(rows, cancellationToken);
                rows.Clear();
            }
        }
        await sink.WriteAsync(rows, cancellationToken);
    }
}
