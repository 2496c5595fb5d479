using Enclave.Server.Organizations;
using Enclave.Server.Spheres;

namespace Enclave.Tests.Access.Watertightness;

/// <summary>What one persona looks at: spheres (each with a person to look up in its directory), organizations and people.</summary>
public sealed record Sample(Persona Viewer, IReadOnlyList<(ModelSphere Sphere, Guid MemberTarget, ModelGroup? Group)> Spheres,
    IReadOnlyList<ModelOrganization> Organizations, IReadOnlyList<ModelUser> Users);

/// <summary>
/// Chooses personas (anonymous, outsiders, visitors, members with and without the current charter,
/// managers, staff, platform administrators, invitees, holders of stale rows) and, for each, a
/// sample of objects biased towards the interesting ones: same organization, same federation,
/// pending invitations and requests, charters, plus random strangers.
/// </summary>
public sealed class Sampler(WorldModel w, Oracle oracle, Random rng)
{
    private List<T> Pick<T>(IEnumerable<T> source, int count) => source.OrderBy(_ => rng.Next()).Take(count).ToList();

    private bool InCharterOrg(Guid u, bool accepted) => w.RealOrganizations.Any(o => o.Charter is not null &&
        w.OrganizationRoleOf(u, o.Id) is OrganizationRole.Manager or OrganizationRole.Member && w.Accepted(u, o.Id, null, o.CharterVersion) == accepted);

    public List<Persona> Personas(int perKind)
    {
        var users = w.Users.Select(u => u.Id).ToList();
        OrganizationRole? RoleIn(Guid u, Guid o) => w.OrganizationRoleOf(u, o);
        var real = w.RealOrganizations.ToList();
        var kinds = new (string Label, Func<Guid, bool> Is)[]
        {
            ("platform admin", u => w.User(u).IsPlatformAdmin),
            ("outsider", u => real.All(o => RoleIn(u, o.Id) is null)),
            ("org visitor only", u => real.Any(o => RoleIn(u, o.Id) == OrganizationRole.Visitor) && real.All(o => RoleIn(u, o.Id) is null or OrganizationRole.Visitor)),
            ("member, charter accepted", u => InCharterOrg(u, accepted: true)),
            ("member, charter pending", u => InCharterOrg(u, accepted: false)),
            ("stale sphere charter", u => w.Spheres.Any(s => s.Charter is not null && w.SphereRowOf(u, s.Id) is not null && !w.Accepted(u, s.OrganizationId, s.Id, s.CharterVersion))),
            ("manager", u => real.Any(o => RoleIn(u, o.Id) == OrganizationRole.Manager)),
            ("daughter insider", u => real.Any(o => o.ParentId is not null && RoleIn(u, o.Id) is OrganizationRole.Manager or OrganizationRole.Member)),
            ("manager of a mother", u => real.Any(o => real.Any(d => d.ParentId == o.Id) && RoleIn(u, o.Id) == OrganizationRole.Manager)),
            ("sphere administrator", u => w.SphereRows.Any(kv => kv.Key.User == u && kv.Value == SphereRole.Administrator && !w.Organization(w.Sphere(kv.Key.Sphere).OrganizationId).IsPersonal)),
            ("sphere visitor", u => w.SphereRows.Any(kv => kv.Key.User == u && kv.Value == SphereRole.Visitor)),
            ("restricted member", u => w.Spheres.Any(s => s.Type == SphereType.Restricted && w.SphereRowOf(u, s.Id) == SphereRole.Member)),
            ("personal sphere guest", u => w.Spheres.Any(s => w.Organization(s.OrganizationId).IsPersonal && w.Organization(s.OrganizationId).OwnerId != u && w.SphereRowOf(u, s.Id) is not null)),
            ("invitee", u => oracle.MyInvitations(u).Count > 0),
            ("join requester", u => w.JoinRequests.Any(r => r.UserId == u)),
            ("stale row holder", u => w.GhostRows.Any(g => g.User == u)),
            ("suspended unverified member", u => !w.User(u).Verified && w.Spheres.Any(s => s.VerifiedOnly && w.SphereRowOf(u, s.Id) is not null)),
        };
        var personas = new List<Persona> { new("anonymous", null) };
        var taken = new HashSet<Guid>();
        foreach (var (label, isKind) in kinds)
            foreach (var u in Pick(users.Where(u => !taken.Contains(u) && isKind(u)), perKind))
            {
                taken.Add(u);
                personas.Add(new Persona(label, u));
            }
        return personas;
    }

    public Sample For(Persona viewer, int spheres, int organizations, int people)
    {
        var v = viewer.UserId;
        var myOrgs = w.Organizations.Where(o => w.OrganizationRoleOf(v, o.Id) is not null).Select(o => o.Id).ToHashSet();
        var myRoots = w.RealOrganizations.Where(o => myOrgs.Contains(o.Id)).Select(o => o.RootId).ToHashSet();
        var interesting = new HashSet<Guid>();
        if (v is { } me)
        {
            interesting.UnionWith(w.Invitations.Where(i => i.InviteeUserId == me || i.InviteeEmail == w.User(me).Email).Select(i => i.SphereId ?? i.OrganizationId));
            interesting.UnionWith(w.JoinRequests.Where(r => r.UserId == me).Select(r => r.SphereId ?? r.OrganizationId));
            interesting.UnionWith(w.GhostRows.Where(g => g.User == me).Select(g => g.Sphere));
        }
        var sphereList = Pick(w.Spheres.Where(s => w.SphereRowOf(v, s.Id) is not null || interesting.Contains(s.Id)), spheres / 3)
            .Concat(Pick(w.Spheres.Where(s => myOrgs.Contains(s.OrganizationId)), spheres / 3))
            .Concat(Pick(w.Spheres.Where(s => myRoots.Contains(w.Organization(s.OrganizationId).RootId)), spheres / 6))
            .Concat(Pick(w.Spheres.Where(s => s.Type == SphereType.Public || s.Charter is not null), 2))
            .Concat(Pick(w.Spheres, spheres / 6))
            .DistinctBy(s => s.Id).ToList();
        var withTargets = sphereList.Select(s => (s, MemberTarget(v, s), GroupFor(s))).ToList();

        var orgList = w.Organizations.Where(o => myOrgs.Contains(o.Id) && !o.IsPersonal || interesting.Contains(o.Id))
            .Concat(w.RealOrganizations.Where(o => myRoots.Contains(o.RootId)))
            .OrderBy(_ => rng.Next()).Take(organizations * 2 / 3)
            .Concat(Pick(w.RealOrganizations, organizations / 4))
            .Concat(Pick(w.Organizations.Where(o => o.IsPersonal), 2))
            .Concat(v is { } self ? [w.Organization(w.User(self).PersonalOrganizationId)] : [])
            .DistinctBy(o => o.Id).ToList();

        var sharing = w.SphereRows.Where(kv => kv.Key.User != v && w.SphereRowOf(v, kv.Key.Sphere) is not null).Select(kv => kv.Key.User);
        var fellows = w.OrganizationRoles.Where(kv => kv.Key.User != v && myOrgs.Contains(kv.Key.Organization) && !w.Organization(kv.Key.Organization).IsPersonal).Select(kv => kv.Key.User);
        var userList = Pick(sharing.Distinct(), people / 3).Concat(Pick(fellows.Distinct(), people / 3)).Concat(Pick(w.Users.Select(u => u.Id), people / 3))
            .Concat(v is { } me2 ? [me2] : []).Distinct().Select(w.User).ToList();
        return new Sample(viewer, withTargets, orgList, userList);
    }

    /// <summary>A group to open through this sphere: usually one of its own, sometimes another sphere's.</summary>
    private ModelGroup? GroupFor(ModelSphere s)
    {
        var own = w.Groups.Where(g => g.SphereId == s.Id).ToList();
        if (own.Count > 0 && rng.NextDouble() < 0.7) return own[rng.Next(own.Count)];
        return rng.NextDouble() < 0.5 ? w.Groups[rng.Next(w.Groups.Count)] : null;
    }

    /// <summary>Whom to look up in a sphere's directory: a member, oneself, a stale row holder, or a stranger.</summary>
    private Guid MemberTarget(Guid? v, ModelSphere s)
    {
        var x = rng.NextDouble();
        if (v is { } me && x < 0.2) return me;
        var holders = w.SphereRows.Keys.Where(k => k.Sphere == s.Id).Select(k => k.User).ToList();
        if (x < 0.8 && holders.Count > 0) return holders[rng.Next(holders.Count)];
        var members = oracle.SphereMembers(s).ToList();
        if (x < 0.9 && members.Count > 0) return members[rng.Next(members.Count)];
        return w.Users[rng.Next(w.Users.Count)].Id;
    }
}
