using Enclave.Server.Memberships;
using Enclave.Server.Organizations;
using Enclave.Server.Spheres;

namespace Enclave.Tests.Access.Watertightness;

/// <summary>The parts of a world that sit on top of memberships: stale rows, charters, invitations, join requests, groups.</summary>
public static class WorldGeneratorExtras
{
    private static List<Guid> PeopleOf(WorldModel w, Guid organizationId) =>
        w.OrganizationRoles.Where(kv => kv.Key.Organization == organizationId).Select(kv => kv.Key.User)
            .OrderBy(u => w.User(u).UserName, StringComparer.Ordinal).ToList();

    private static List<Guid> RowHolders(WorldModel w, Guid sphereId) =>
        w.SphereRows.Where(kv => kv.Key.Sphere == sphereId).Select(kv => kv.Key.User)
            .OrderBy(u => w.User(u).UserName, StringComparer.Ordinal).ToList();

    /// <summary>
    /// A few sphere rows for people outside the sphere's organization, as a removal that missed a
    /// row would leave behind. They must grant nothing.
    /// </summary>
    public static void AddGhostRows(WorldModel w, Random rng)
    {
        var spheres = w.Spheres.Where(s => !w.Organization(s.OrganizationId).IsPersonal).ToList();
        for (var added = 0; added < 12;)
        {
            var sphere = spheres[rng.Next(spheres.Count)];
            var user = w.Users[rng.Next(w.Users.Count)].Id;
            if (w.OrganizationRoleOf(user, sphere.OrganizationId) is not null || w.SphereRows.ContainsKey((sphere.Id, user))) continue;
            w.SphereRows[(sphere.Id, user)] = (SphereRole)rng.Next(0, 4);
            w.GhostRows.Add((sphere.Id, user));
            added++;
        }
    }

    /// <summary>Roughly half accepted the current version, a quarter an older one, a quarter nothing.</summary>
    private static void MaybeAccept(WorldModel w, Random rng, Guid userId, Guid organizationId, Guid? sphereId, int version)
    {
        var x = rng.NextDouble();
        if (x < 0.55) w.Acceptances.Add(new ModelAcceptance(userId, organizationId, sphereId, version));
        else if (x < 0.8 && version > 1) w.Acceptances.Add(new ModelAcceptance(userId, organizationId, sphereId, rng.Next(1, version)));
    }

    public static void AddCharterAcceptances(WorldModel w, Random rng)
    {
        foreach (var organization in w.RealOrganizations.Where(o => o.Charter is not null))
            foreach (var user in PeopleOf(w, organization.Id))
                MaybeAccept(w, rng, user, organization.Id, null, organization.CharterVersion);
        foreach (var sphere in w.Spheres.Where(s => s.Charter is not null))
        {
            var candidates = RowHolders(w, sphere.Id).Union(w.Organization(sphere.OrganizationId).IsPersonal ? [] : PeopleOf(w, sphere.OrganizationId));
            foreach (var user in candidates) MaybeAccept(w, rng, user, sphere.OrganizationId, sphere.Id, sphere.CharterVersion);
        }
    }

    public static void AddInvitations(WorldModel w, Random rng)
    {
        var real = w.RealOrganizations.ToList();
        for (var i = 0; i < 180; i++)
        {
            Guid organizationId;
            Guid? sphereId = null;
            Guid inviter;
            if (rng.NextDouble() < 0.4)
            {
                var organization = real[rng.Next(real.Count)];
                organizationId = organization.Id;
                var managers = PeopleOf(w, organizationId).Where(u => w.OrganizationRoleOf(u, organizationId) == OrganizationRole.Manager).ToList();
                inviter = managers[rng.Next(managers.Count)];
            }
            else
            {
                var sphere = w.Spheres[rng.Next(w.Spheres.Count)];
                organizationId = sphere.OrganizationId;
                sphereId = sphere.Id;
                var holders = RowHolders(w, sphere.Id);
                inviter = holders[rng.Next(holders.Count)];
            }
            var invitee = w.Users[rng.Next(w.Users.Count)];
            var how = rng.NextDouble();
            Guid? inviteeUserId = how < 0.7 ? invitee.Id : null;
            var email = how < 0.7 ? invitee.Email : how < 0.85 ? invitee.Email : $"stranger{i}@example.net";
            var s = rng.NextDouble();
            var status = s < 0.5 ? InvitationStatus.Pending : s < 0.65 ? InvitationStatus.AwaitingApproval : s < 0.75 ? InvitationStatus.Accepted
                : s < 0.85 ? InvitationStatus.Declined : InvitationStatus.Revoked;
            var expires = rng.NextDouble() < 0.2 ? w.Now.AddDays(-1) : w.Now.AddDays(7);
            var role = sphereId is null ? (rng.NextDouble() < 0.7 ? nameof(OrganizationRole.Member) : nameof(OrganizationRole.Visitor))
                : (rng.NextDouble() < 0.7 ? nameof(SphereRole.Member) : nameof(SphereRole.Visitor));
            w.Invitations.Add(new ModelInvitation(Guid.CreateVersion7(), organizationId, sphereId, inviter, inviteeUserId, email, role, status, expires));
        }
    }

    public static void AddJoinRequests(WorldModel w, Random rng)
    {
        var real = w.RealOrganizations.ToList();
        var spheres = w.Spheres.Where(s => !w.Organization(s.OrganizationId).IsPersonal).ToList();
        for (var i = 0; i < 120; i++)
        {
            var user = w.Users[rng.Next(w.Users.Count)].Id;
            var s = rng.NextDouble();
            var status = s < 0.6 ? JoinRequestStatus.Pending : s < 0.75 ? JoinRequestStatus.Approved : s < 0.9 ? JoinRequestStatus.Refused : JoinRequestStatus.Cancelled;
            if (rng.NextDouble() < 0.5)
                w.JoinRequests.Add(new ModelJoinRequest(Guid.CreateVersion7(), real[rng.Next(real.Count)].Id, null, user, status));
            else
            {
                var sphere = spheres[rng.Next(spheres.Count)];
                w.JoinRequests.Add(new ModelJoinRequest(Guid.CreateVersion7(), sphere.OrganizationId, sphere.Id, user, status));
            }
        }
    }

    public static void AddGroups(WorldModel w, Random rng)
    {
        for (var i = 0; i < 70; i++)
        {
            var sphere = w.Spheres[rng.Next(w.Spheres.Count)];
            var holders = RowHolders(w, sphere.Id).Where(u => !w.GhostRows.Contains((sphere.Id, u))).ToList();
            var members = holders.Where(_ => rng.NextDouble() < 0.4).ToList();
            w.Groups.Add(new ModelGroup(Guid.CreateVersion7(), sphere.Id, sphere.OrganizationId, $"g{i:D3}", members));
        }
    }
}
