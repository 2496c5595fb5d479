using Enclave.Server.Organizations;
using Enclave.Server.Spheres;

namespace Enclave.Server.Seeding;

/// <summary>The shape of a planned world, printed before the load (docs/PERFORMANCE.md quotes it for the full-scale world).</summary>
public static class WorldSummary
{
    public static string Describe(WorldPlan plan)
    {
        var text = new System.Text.StringBuilder();
        var orgs = plan.Orgs;
        var roles = orgs.SelectMany(o => o.Members).GroupBy(m => m.Role).ToDictionary(g => g.Key, g => g.Count());
        text.AppendLine($"The world (seed {plan.Options.Seed}): {orgs.Length:N0} organizations ({orgs.Count(o => o.Parent is null && orgs.Any(d => d.Parent == o.Index)):N0} federations, " +
            $"{orgs.Count(o => o.Parent is not null):N0} daughters), {plan.UserIds.Length:N0} people.");
        text.AppendLine($"  memberships: {roles.GetValueOrDefault(OrganizationRole.Manager):N0} managers, {roles.GetValueOrDefault(OrganizationRole.Member):N0} members, " +
            $"{roles.GetValueOrDefault(OrganizationRole.Visitor):N0} visitors (plus one personal organization each)");
        text.AppendLine($"  organization sizes (insiders), largest first: {string.Join(", ", orgs.Select(o => o.Insiders.Count).OrderDescending().Take(8).Select(n => n.ToString("N0")))}" +
            (orgs.Length > 8 ? $" ... smallest {orgs.Min(o => o.Insiders.Count):N0}" : ""));
        foreach (var group in plan.Spheres.GroupBy(s => s.Type).OrderBy(g => g.Key))
        {
            var sizes = group.Select(s => s.Readers.Count).Order().ToList();
            text.AppendLine($"  {group.Key.ToString().ToLowerInvariant(),-10} {sizes.Count,6:N0} spheres, people: median {sizes[sizes.Count / 2]:N0}, " +
                $"p90 {sizes[(int)(sizes.Count * 0.9)]:N0}, max {sizes[^1]:N0}");
        }
        text.AppendLine($"  stored sphere memberships: {plan.Spheres.Sum(s => s.Rows.Count):N0} (global spheres' members are implicit)");
        return text.ToString();
    }
}
