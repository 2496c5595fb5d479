using Enclave.Server.Organizations;
using Enclave.Server.Spheres;

namespace Enclave.Server.Seeding;

public sealed class OrgPlan
{
    public required int Index { get; init; }
    public required Guid Id { get; init; }
    public required string Name { get; init; }
    public int? Parent { get; set; }
    public int Root { get; set; }
    public List<(int User, OrganizationRole Role)> Members { get; } = [];
    public HashSet<int> MemberSet { get; } = [];
    public List<int> Insiders { get; } = [];
    public List<int> Visitors { get; } = [];
    public List<int> Managers { get; } = [];

    public void Add(int user, OrganizationRole role)
    {
        if (!MemberSet.Add(user)) return;
        Members.Add((user, role));
        if (role == OrganizationRole.Visitor) Visitors.Add(user);
        else Insiders.Add(user);
        if (role == OrganizationRole.Manager) Managers.Add(user);
    }
}

/// <summary>
/// The people and their organizations, in memory (ints, not entities: 100,000 users cost a few
/// megabytes). The largest organization holds about 90% of everyone, so its global sphere
/// approaches the whole platform; the others have Zipf-distributed sizes, every tenth one is the
/// mother of a small federation of three daughters, and people belong to one to three organizations.
/// </summary>
public sealed class WorldPlan
{
    public required SeedOptions Options { get; init; }
    public required Guid[] UserIds { get; init; }
    public required Guid[] PersonalOrgIds { get; init; }
    public required bool[] French { get; init; }
    public required OrgPlan[] Orgs { get; init; }
    public List<SpherePlan> Spheres { get; } = [];

    public static WorldPlan Create(SeedOptions options)
    {
        var rng = SeedRandom.For(options.Seed, 1);
        var users = options.Users;
        var plan = new WorldPlan
        {
            Options = options,
            UserIds = new Guid[users],
            PersonalOrgIds = new Guid[users],
            French = new bool[users],
            Orgs = new OrgPlan[options.Organizations],
        };
        for (var u = 0; u < users; u++)
        {
            plan.UserIds[u] = rng.Id(UserCreatedAt(u));
            plan.PersonalOrgIds[u] = rng.Id(UserCreatedAt(u));
            plan.French[u] = rng.Chance(0.55);
        }
        for (var k = 0; k < plan.Orgs.Length; k++)
        {
            var name = SeedWords.OrganizationNames[k % SeedWords.OrganizationNames.Length];
            if (k >= SeedWords.OrganizationNames.Length) name += $" {k / SeedWords.OrganizationNames.Length + 1}";
            plan.Orgs[k] = new OrgPlan { Index = k, Id = rng.Id(OrgCreatedAt(k)), Name = name, Root = k };
        }
        Federate(plan.Orgs);
        AssignMembers(plan, rng);
        SpherePlanner.Plan(plan, SeedRandom.For(options.Seed, 2));
        return plan;
    }

    public static DateTime OrgCreatedAt(int k) => SeedOptions.Start.AddDays(-60).AddMinutes(k);

    public static DateTime UserCreatedAt(int u) => SeedOptions.Start.AddDays(-45).AddSeconds(u * 10);

    /// <summary>Orgs 1, 11, 21... are mothers; the three that follow each are their daughters.</summary>
    private static void Federate(OrgPlan[] orgs)
    {
        for (var k = 1; k < orgs.Length; k += 10)
            for (var d = k + 1; d <= k + 3 && d < orgs.Length; d++)
            {
                orgs[d].Parent = k;
                orgs[d].Root = orgs[k].Root;
            }
    }

    private static void AssignMembers(WorldPlan plan, SeedRandom rng)
    {
        var orgs = plan.Orgs;
        var users = plan.UserIds.Length;
        // Every organization starts with a manager of its own, so none is headless.
        for (var k = 0; k < orgs.Length; k++) orgs[k].Add(k == 0 ? 0 : (int)((k * 7919L) % users), OrganizationRole.Manager);
        var zipf = Cumulative(Enumerable.Range(1, Math.Max(0, orgs.Length - 1)).Select(k => 1 / Math.Pow(k, 1.1)).ToArray());
        for (var u = 0; u < users; u++)
        {
            var inLargest = orgs.Length == 1 || u == 0 || rng.Chance(0.9);
            if (inLargest) orgs[0].Add(u, rng.Chance(0.01) ? OrganizationRole.Manager : OrganizationRole.Member);
            else if (rng.Chance(0.3)) orgs[0].Add(u, OrganizationRole.Visitor);
            if (orgs.Length == 1) continue;
            var extra = inLargest ? (rng.Chance(0.3) ? 1 : 0) + (rng.Chance(0.08) ? 1 : 0) : 1 + (rng.Chance(0.3) ? 1 : 0);
            for (var e = 0; e < extra; e++)
            {
                var org = orgs[1 + Sample(zipf, rng)];
                var role = rng.Chance(0.03) ? OrganizationRole.Manager : rng.Chance(0.1) ? OrganizationRole.Visitor : OrganizationRole.Member;
                org.Add(u, role);
            }
        }
    }

    public static double[] Cumulative(double[] weights)
    {
        var sums = new double[weights.Length];
        double total = 0;
        for (var i = 0; i < weights.Length; i++) sums[i] = total += weights[i];
        return sums;
    }

    public static int Sample(double[] cumulative, SeedRandom rng)
    {
        var target = rng.NextDouble() * cumulative[^1];
        var index = Array.BinarySearch(cumulative, target);
        return Math.Min(cumulative.Length - 1, index >= 0 ? index : ~index);
    }
}
