using Enclave.Server.Accounts;
using Enclave.Server.Organizations;
using Enclave.Server.Spheres;

namespace Enclave.Server.Seeding;

/// <summary>
/// Writes the plan's organizations, people (each with the hidden personal organization the app
/// gives every account) and memberships, in batches and in foreign-key order.
/// </summary>
public sealed class WorldWriter(WorldPlan plan, BulkSink sink, string passwordHash)
{
    public const int Batch = 5_000;

    public async Task WriteAsync(CancellationToken cancellationToken)
    {
        var orgs = plan.Orgs.Select(o => new Organization
        {
            Id = o.Id, Name = o.Name, Description = $"{o.Name}: seeded organization.", ParentId = o.Parent is { } p ? plan.Orgs[p].Id : null,
            RootId = plan.Orgs[o.Root].Id, Plan = o.Index == 0 ? OrganizationPlan.Enterprise : OrganizationPlan.Business, CreatedAt = WorldPlan.OrgCreatedAt(o.Index),
        }).ToList();
        // Mothers before daughters: the parent foreign key is checked row by row on PostgreSQL.
        await sink.WriteAsync(orgs.Where(o => o.ParentId is null).ToList(), cancellationToken);
        await sink.WriteAsync(orgs.Where(o => o.ParentId is not null).ToList(), cancellationToken);
        await WriteUsersAsync(cancellationToken);
        var members = new List<OrganizationMember>(Batch);
        var rng = SeedRandom.For(plan.Options.Seed, 3);
        foreach (var org in plan.Orgs)
            foreach (var (user, role) in org.Members)
            {
                var joined = WorldPlan.UserCreatedAt(user).AddHours(1 + rng.Next(24 * 10));
                members.Add(new OrganizationMember { Id = rng.Id(joined), OrganizationId = org.Id, UserId = plan.UserIds[user], Role = role, JoinedAt = joined });
                if (members.Count == Batch) await FlushAsync(members, cancellationToken);
            }
        await FlushAsync(members, cancellationToken);
        await WriteSpheresAsync(rng, cancellationToken);
    }

    private async Task WriteUsersAsync(CancellationToken cancellationToken)
    {
        var rng = SeedRandom.For(plan.Options.Seed, 4);
        var users = new List<User>(Batch);
        var personal = new List<Organization>(Batch);
        var managers = new List<OrganizationMember>(Batch);
        for (var u = 0; u < plan.UserIds.Length; u++)
        {
            var name = SeedOptions.UserName(u);
            var createdAt = WorldPlan.UserCreatedAt(u);
            var user = new User
            {
                Id = plan.UserIds[u], UserName = name, NormalizedUserName = name, FirstName = rng.Pick(SeedWords.FirstNames), LastName = rng.Pick(SeedWords.LastNames),
                Email = $"{name}@seed.enclave.test", NormalizedEmail = $"{name}@seed.enclave.test", PasswordHash = passwordHash,
                PersonalOrganizationId = plan.PersonalOrgIds[u], Language = plan.French[u] ? "fr" : "en", CreatedAt = createdAt,
            };
            users.Add(user);
            personal.Add(new Organization { Id = user.PersonalOrganizationId, RootId = user.PersonalOrganizationId, Name = user.DisplayName, IsPersonal = true, CreatedAt = createdAt });
            managers.Add(new OrganizationMember { Id = rng.Id(createdAt), OrganizationId = user.PersonalOrganizationId, UserId = user.Id, Role = OrganizationRole.Manager, JoinedAt = createdAt });
            if (users.Count < Batch && u < plan.UserIds.Length - 1) continue;
            await FlushAsync(personal, cancellationToken);
            await FlushAsync(users, cancellationToken);
            await FlushAsync(managers, cancellationToken);
        }
    }

    private async Task WriteSpheresAsync(SeedRandom rng, CancellationToken cancellationToken)
    {
        var spheres = plan.Spheres.Select(s => new Sphere
        {
            Id = s.Id, OrganizationId = plan.Orgs[s.Org].Id, Name = s.Name, Description = $"{s.Name} ({s.Type.ToString().ToLowerInvariant()})",
            Type = s.Type, ListedInPortal = s.Listed, MembersCanInvite = s.Type == SphereType.Visitor, CreatedById = plan.UserIds[s.Creator], CreatedAt = s.CreatedAt,
        }).ToList();
        for (var i = 0; i < spheres.Count; i += Batch) await sink.WriteAsync(spheres.GetRange(i, Math.Min(Batch, spheres.Count - i)), cancellationToken);
        var rows = new List<SphereMember>(Batch);
        foreach (var sphere in plan.Spheres)
            foreach (var (user, role) in sphere.Rows)
            {
                var joined = sphere.CreatedAt.AddMinutes(rng.Next(60 * 24 * 14));
                rows.Add(new SphereMember { Id = rng.Id(joined), OrganizationId = plan.Orgs[sphere.Org].Id, SphereId = sphere.Id, UserId = plan.UserIds[user], Role = role, JoinedAt = joined });
                if (rows.Count == Batch) await FlushAsync(rows, cancellationToken);
            }
        await FlushAsync(rows, cancellationToken);
    }

    private async Task FlushAsync<T>(List<T> rows, CancellationToken cancellationToken) where T : class
    {
        await sink.WriteAsync(rows, cancellationToken);
        rows.Clear();
    }
}
