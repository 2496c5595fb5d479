using Enclave.Server.Memberships;
using Enclave.Server.Organizations;

namespace Enclave.Tests.Access.Watertightness;

/// <summary>How an organization appears to a viewer: as snake_case API values ("member", "visitor", "federation", "portal"), or null when hidden.</summary>
public sealed record OrganizationTruth(string? View, OrganizationRole? Role, bool CharterPending)
{
    public bool Visible => View is not null;
}

public sealed partial class Oracle
{
    public OrganizationTruth Organization(Guid? v, ModelOrganization o)
    {
        var role = w.OrganizationRoleOf(v, o.Id);
        var pending = v is { } u && role is not null && o.Charter is not null && !w.Accepted(u, o.Id, null, o.CharterVersion);
        var view = role switch
        {
            OrganizationRole.Manager or OrganizationRole.Member => "member",
            OrganizationRole.Visitor => "visitor",
            _ when o.IsPersonal => null,
            _ when ShownInFederation(v, o.RootId).Contains(o.Id) => "federation",
            _ when o.ExternalPortal => "portal",
            _ => null,
        };
        return new OrganizationTruth(view, role, pending);
    }

    /// <summary>
    /// Nodes of a federation shown to a viewer who is an insider of at least one of its nodes: their
    /// own, everything below a node they manage, and every node not hidden whose mother is shown.
    /// </summary>
    public HashSet<Guid> ShownInFederation(Guid? v, Guid rootId)
    {
        var nodes = w.RealOrganizations.Where(o => o.RootId == rootId).ToList();
        var shown = new HashSet<Guid>();
        if (v is null || !nodes.Any(n => Insider(v, n.Id))) return shown;
        foreach (var node in nodes.OrderBy(n => w.Ancestors(n).Count()))
        {
            var ancestors = w.Ancestors(node).ToList();
            var parentShown = node.ParentId is not { } p || shown.Contains(p);
            if (Insider(v, node.Id) || ancestors.Any(a => w.OrganizationRoleOf(v, a.Id) == OrganizationRole.Manager) || (!node.HiddenInTree && parentShown))
                shown.Add(node.Id);
        }
        return shown;
    }

    /// <summary>
    /// The tree answered for <paramref name="o"/>: the shown nodes (or <paramref name="o"/> alone when it is not one of them), rooted
    /// at the single topmost shown node (or at the organization asked for when there is no single
    /// top), keeping only that node's descendants.
    /// </summary>
    public HashSet<Guid> TreeNodes(Guid? v, ModelOrganization o)
    {
        var set = ShownInFederation(v, o.RootId);
        // Seen from outside the federation (portal, visitor) or hidden from the viewer: the node alone,
        // so the tree around a hidden daughter does not leak through its portal.
        if (!set.Contains(o.Id)) return [o.Id];
        var tops = set.Where(id => !w.Ancestors(w.Organization(id)).Any(a => set.Contains(a.Id))).ToList();
        var top = tops.Count == 1 ? tops[0] : o.Id;
        return set.Where(id => id == top || w.Ancestors(w.Organization(id)).Any(a => a.Id == top)).ToHashSet();
    }

    public bool CanListOrganizationMembers(Guid? v, ModelOrganization o) =>
        Insider(v, o.Id) && !Organization(v, o).CharterPending;

    public HashSet<Guid> OrganizationMembers(Guid v, ModelOrganization o)
    {
        var manager = w.OrganizationRoleOf(v, o.Id) == OrganizationRole.Manager;
        return w.OrganizationRoles.Where(kv => kv.Key.Organization == o.Id && (manager || kv.Value != OrganizationRole.Visitor))
            .Select(kv => kv.Key.User).ToHashSet();
    }

    /// <summary>The organization's portal: its spheres the viewer may see.</summary>
    public HashSet<Guid> PortalSpheres(Guid? v, ModelOrganization o) =>
        w.Spheres.Where(s => s.OrganizationId == o.Id && SphereVisible(v, s)).Select(s => s.Id).ToHashSet();

    public HashSet<Guid> MyOrganizations(Guid v) =>
        w.RealOrganizations.Where(o => w.OrganizationRoleOf(v, o.Id) is not null).Select(o => o.Id).ToHashSet();

    public HashSet<Guid> OrganizationInvitations(ModelOrganization o) =>
        w.Invitations.Where(i => i.OrganizationId == o.Id && i.SphereId is null).Select(i => i.Id).ToHashSet();

    public HashSet<Guid> PendingOrganizationJoinRequests(ModelOrganization o) =>
        w.JoinRequests.Where(r => r.OrganizationId == o.Id && r.SphereId is null && r.Status == JoinRequestStatus.Pending).Select(r => r.Id).ToHashSet();
}
