using Enclave.Server.Spheres;

namespace Enclave.Server.Seeding;

/// <summary>A sphere of the plan: its explicit member rows, and who may post, comment and be mentioned in it.</summary>
public sealed class SpherePlan
{
    public required Guid Id { get; init; }
    public required int Org { get; init; }
    public required SphereType Type { get; init; }
    public required string Name { get; init; }
    public required DateTime CreatedAt { get; init; }
    public required int Creator { get; init; }
    public bool Listed { get; init; }
    /// <summary>Stored memberships (for a global sphere only the insiders given another role).</summary>
    public List<(int User, SphereRole Role)> Rows { get; } = [];
    public required IReadOnlyList<int> Readers { get; init; }
    public required IReadOnlyList<int> Posters { get; init; }
    public HashSet<int> Staff { get; } = [];
    public Guid? ReadMarkerKey { get; set; }
}

/// <summary>
/// The spheres: a global sphere in every organization, then the rest shared among organizations
/// by size, of every type. Classic spheres have 5–50 people (most near 5); the others follow a
/// power law from 20 people up, capped by the organization.
/// </summary>
public static class SpherePlanner
{
    private static readonly (SphereType Type, double Weight)[] Mix =
    [
        (SphereType.Classic, 0.68), (SphereType.Open, 0.08), (SphereType.Public, 0.05), (SphereType.Restricted, 0.07),
        (SphereType.Forum, 0.05), (SphereType.Visitor, 0.07),
    ];

    public static void Plan(WorldPlan plan, SeedRandom rng)
    {
        foreach (var org in plan.Orgs)
        {
            var global = new SpherePlan
            {
                Id = rng.Id(WorldPlan.OrgCreatedAt(org.Index).AddHours(1)), Org = org.Index, Type = SphereType.Global,
                Name = $"{org.Name} — {(plan.French[org.Managers[0]] ? "Tout le monde" : "Everyone")}",
                CreatedAt = WorldPlan.OrgCreatedAt(org.Index).AddHours(1), Creator = org.Managers[0], Readers = org.Insiders, Posters = org.Insiders,
            };
            foreach (var manager in org.Managers.Take(2))
            {
                global.Rows.Add((manager, SphereRole.Administrator));
                global.Staff.Add(manager);
            }
            plan.Spheres.Add(global);
        }
        var rest = plan.Options.Spheres - plan.Orgs.Length;
        var weights = plan.Orgs.Select(o => o.Insiders.Count >= 2 ? (double)o.Insiders.Count : 0).ToArray();
        var total = weights.Sum();
        var shares = weights.Select(w => rest * w / total).ToArray();
        var counts = shares.Select(s => (int)Math.Floor(s)).ToArray();
        foreach (var k in Enumerable.Range(0, counts.Length).OrderByDescending(k => shares[k] - counts[k]).ThenBy(k => k).Take(rest - counts.Sum()))
            counts[k]++;
        var mix = WorldPlan.Cumulative(Mix.Select(m => m.Weight).ToArray());
        // The largest organization's first spheres take every type in turn, so even a tiny world has each.
        for (var k = 0; k < plan.Orgs.Length; k++)
            for (var n = 0; n < counts[k]; n++)
                plan.Spheres.Add(Sphere(plan.Orgs[k], k == 0 && n < Mix.Length ? Mix[n].Type : Mix[WorldPlan.Sample(mix, rng)].Type, n, rng));
    }

    private static SpherePlan Sphere(OrgPlan org, SphereType type, int n, SeedRandom rng)
    {
        var insiders = org.Insiders;
        var size = type == SphereType.Classic ? 5 + (int)(45 * Math.Pow(rng.NextDouble(), 2.5)) : rng.Pareto(20, 1.1, 20_000);
        size = Math.Min(size, insiders.Count);
        var members = Choose(insiders, size, rng);
        var createdAt = WorldPlan.OrgCreatedAt(org.Index).AddDays(1 + rng.Next(40)).AddMinutes(rng.Next(1440));
        var rows = new List<(int, SphereRole)>();
        var staff = new HashSet<int>();
        for (var i = 0; i < members.Count; i++)
        {
            var role = i == 0 || (i == 1 && size > 20) ? SphereRole.Administrator
                : rng.Chance(type == SphereType.Restricted ? 0.15 : 0.04) ? SphereRole.Publisher : SphereRole.Member;
            rows.Add((members[i], role));
            if (role != SphereRole.Member) staff.Add(members[i]);
        }
        if (type == SphereType.Visitor && org.Visitors.Count > 0)
            foreach (var visitor in Choose(org.Visitors, Math.Min(org.Visitors.Count, Math.Max(1, size / 5)), rng))
                rows.Add((visitor, SphereRole.Visitor));
        var posters = rows.Where(r => r.Item2 is SphereRole.Administrator or SphereRole.Publisher || (r.Item2 == SphereRole.Member && type != SphereType.Restricted))
            .Select(r => r.Item1).ToList();
        var sphere = new SpherePlan
        {
            Id = rng.Id(createdAt), Org = org.Index, Type = type, Name = $"{rng.Pick(SeedWords.Topics)} {n + 1}", CreatedAt = createdAt,
            Creator = members[0], Listed = type == SphereType.Classic && rng.Chance(0.2), Readers = rows.Select(r => r.Item1).ToList(), Posters = posters,
        };
        sphere.Rows.AddRange(rows);
        sphere.Staff.UnionWith(staff);
        return sphere;
    }

    /// <summary>Distinct people drawn from a list: by rejection when few, by a partial shuffle when many.</summary>
    public static List<int> Choose(IReadOnlyList<int> from, int count, SeedRandom rng)
    {
        if (count * 2 < from.Count)
        {
            var picked = new HashSet<int>();
            var list = new List<int>(count);
            while (list.Count < count)
            {
                var candidate = from[rng.Next(from.Count)];
                if (picked.Add(candidate)) list.Add(candidate);
            }
            return list;
        }
        var copy = from.ToArray();
        for (var i = 0; i < count; i++)
        {
            var j = rng.Next(i, copy.Length);
            (copy[i], copy[j]) = (copy[j], copy[i]);
        }
        return copy[..count].ToList();
    }
}
