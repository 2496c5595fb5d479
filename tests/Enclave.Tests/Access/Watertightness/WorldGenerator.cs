using Enclave.Server.Memberships;
using Enclave.Server.Organizations;
using Enclave.Server.Spheres;

namespace Enclave.Tests.Access.Watertightness;

/// <summary>
/// Builds a random world from a seed: people, federations of organizations, spheres of every
/// type, memberships that keep the product's invariants, charters accepted at various versions,
/// invitations, join requests and groups. Only the structure depends on the seed; ids are fresh.
/// </summary>
public static class WorldGenerator
{
    public const int UserCount = 320;
    public const int OrganizationCount = 22;
    public const int PersonalSphereCount = 20;

    private static readonly SphereType[] Types = Enum.GetValues<SphereType>();

    public static WorldModel Generate(int seed, DateTime now)
    {
        var rng = new Random(seed);
        var w = new WorldModel(seed, now);
        AddUsers(w);
        AddOrganizations(w, rng);
        AddOrganizationMembers(w, rng);
        AddSpheres(w, rng);
        WorldGeneratorExtras.AddGhostRows(w, rng);
        WorldGeneratorExtras.AddCharterAcceptances(w, rng);
        WorldGeneratorExtras.AddInvitations(w, rng);
        WorldGeneratorExtras.AddJoinRequests(w, rng);
        WorldGeneratorExtras.AddGroups(w, rng);
        return w;
    }

    private static void AddUsers(WorldModel w)
    {
        for (var i = 0; i < UserCount; i++)
        {
            var id = Guid.CreateVersion7();
            var personal = Guid.CreateVersion7();
            var name = $"wt{i:D3}";
            w.Users.Add(new ModelUser(id, name, $"{name}@example.org", personal, IsPlatformAdmin: i % 40 == 7, $"es_wt_{i}_{Guid.NewGuid():N}", Verified: i % 3 != 1));
            w.Organizations.Add(new ModelOrganization(personal, $"Personal {name}", IsPersonal: true, null, personal, false, false, null, 0, id));
            w.OrganizationRoles[(personal, id)] = OrganizationRole.Manager;
        }
    }

    private static void AddOrganizations(WorldModel w, Random rng)
    {
        var depth = new Dictionary<Guid, int>();
        var real = new List<ModelOrganization>();
        for (var i = 0; i < OrganizationCount; i++)
        {
            var id = Guid.CreateVersion7();
            var mothers = real.Where(o => depth[o.Id] < 3).ToList();
            ModelOrganization? parent = i > 0 && mothers.Count > 0 && rng.NextDouble() < 0.55 ? mothers[rng.Next(mothers.Count)] : null;
            var hasCharter = rng.NextDouble() < 0.35;
            var organization = new ModelOrganization(id, $"Org {i:D2}", IsPersonal: false, parent?.Id, parent?.RootId ?? id,
                HiddenInTree: parent is not null && rng.NextDouble() < 0.3, ExternalPortal: rng.NextDouble() < 0.3,
                hasCharter ? $"Charter of org {i}" : null, hasCharter ? rng.Next(1, 4) : rng.Next(0, 2), null);
            depth[id] = parent is null ? 0 : depth[parent.Id] + 1;
            real.Add(organization);
            w.Organizations.Add(organization);
        }
    }

    private static int Rank(OrganizationRole role) => role switch { OrganizationRole.Manager => 2, OrganizationRole.Member => 1, _ => 0 };

    /// <summary>Adds or upgrades a membership; insiders also join every ancestor (the federation rule).</summary>
    public static void Join(WorldModel w, ModelOrganization organization, Guid userId, OrganizationRole role)
    {
        Upsert(w, organization.Id, userId, role);
        if (role == OrganizationRole.Visitor) return;
        foreach (var ancestor in w.Ancestors(organization)) Upsert(w, ancestor.Id, userId, OrganizationRole.Member);
    }

    private static void Upsert(WorldModel w, Guid organizationId, Guid userId, OrganizationRole role)
    {
        if (!w.OrganizationRoles.TryGetValue((organizationId, userId), out var existing) || Rank(role) > Rank(existing))
            w.OrganizationRoles[(organizationId, userId)] = role;
    }

    private static void AddOrganizationMembers(WorldModel w, Random rng)
    {
        var real = w.RealOrganizations.ToList();
        foreach (var user in w.Users)
        {
            var r = rng.NextDouble();
            var count = r < 0.2 ? 0 : r < 0.55 ? 1 : r < 0.8 ? 2 : r < 0.95 ? 3 : 4;
            foreach (var organization in real.OrderBy(_ => rng.Next()).Take(count))
            {
                var x = rng.NextDouble();
                Join(w, organization, user.Id, x < 0.1 ? OrganizationRole.Manager : x < 0.72 ? OrganizationRole.Member : OrganizationRole.Visitor);
            }
        }
        foreach (var organization in real.Where(o => !w.OrganizationRoles.Any(kv => kv.Key.Organization == o.Id && kv.Value == OrganizationRole.Manager)))
            Join(w, organization, w.Users[rng.Next(w.Users.Count)].Id, OrganizationRole.Manager);
    }

    private static void AddSpheres(WorldModel w, Random rng)
    {
        var next = 0;
        foreach (var organization in w.RealOrganizations.ToList())
        {
            var people = w.OrganizationRoles.Where(kv => kv.Key.Organization == organization.Id).Select(kv => (User: kv.Key.User, Role: kv.Value)).OrderBy(p => w.User(p.User).UserName, StringComparer.Ordinal).ToList();
            var insiders = people.Where(p => p.Role != OrganizationRole.Visitor).Select(p => p.User).ToList();
            var visitors = people.Where(p => p.Role == OrganizationRole.Visitor).Select(p => p.User).ToList();
            var count = rng.Next(4, 8);
            for (var i = 0; i < count; i++)
            {
                var type = Types[next++ % Types.Length];
                var admin = insiders[rng.Next(insiders.Count)];
                var sphere = NewSphere(w, rng, organization.Id, type, admin);
                w.SphereRows[(sphere.Id, admin)] = SphereRole.Administrator;
                foreach (var insider in insiders.Where(u => u != admin))
                {
                    var x = rng.NextDouble();
                    if (type == SphereType.Global)
                    {
                        // Global spheres hold rows only for other roles; everyone inside is a member anyway.
                        if (x < 0.08) w.SphereRows[(sphere.Id, insider)] = SphereRole.Publisher;
                        else if (x < 0.12) w.SphereRows[(sphere.Id, insider)] = SphereRole.Administrator;
                        else if (x < 0.14) w.SphereRows[(sphere.Id, insider)] = SphereRole.Member;
                    }
                    else if (x < 0.4)
                    {
                        var y = rng.NextDouble();
                        w.SphereRows[(sphere.Id, insider)] = y < 0.12 ? SphereRole.Administrator : y < 0.3 ? SphereRole.Publisher : y < 0.94 ? SphereRole.Member : SphereRole.Visitor;
                    }
                }
                foreach (var visitor in visitors)
                    if (rng.NextDouble() < (type == SphereType.Visitor ? 0.6 : 0.2)) w.SphereRows[(sphere.Id, visitor)] = SphereRole.Visitor;
            }
        }
        SphereType[] personalTypes = [SphereType.Classic, SphereType.Public, SphereType.Restricted, SphereType.Forum];
        for (var i = 0; i < PersonalSphereCount; i++)
        {
            var owner = w.Users[rng.Next(w.Users.Count)];
            var sphere = NewSphere(w, rng, owner.PersonalOrganizationId, personalTypes[i % personalTypes.Length], owner.Id);
            w.SphereRows[(sphere.Id, owner.Id)] = SphereRole.Administrator;
            for (var k = rng.Next(0, 7); k > 0; k--)
            {
                var guest = w.Users[rng.Next(w.Users.Count)].Id;
                if (guest == owner.Id) continue;
                var y = rng.NextDouble();
                w.SphereRows[(sphere.Id, guest)] = y < 0.15 ? SphereRole.Publisher : y < 0.8 ? SphereRole.Member : SphereRole.Visitor;
            }
        }
    }

    private static ModelSphere NewSphere(WorldModel w, Random rng, Guid organizationId, SphereType type, Guid creator)
    {
        var hasCharter = rng.NextDouble() < 0.3;
        var sphere = new ModelSphere(Guid.CreateVersion7(), organizationId, $"Sphere {w.Spheres.Count:D3}", type,
            ListedInPortal: rng.NextDouble() < 0.35, MembersCanInvite: rng.NextDouble() < 0.2,
            hasCharter ? $"Charter of sphere {w.Spheres.Count}" : null, hasCharter ? rng.Next(1, 4) : 0, creator,
            // Every sixth sphere is for verified members only (a third of the people are unverified).
            VerifiedOnly: w.Spheres.Count % 6 == 5);
        w.Spheres.Add(sphere);
        return sphere;
    }
}
