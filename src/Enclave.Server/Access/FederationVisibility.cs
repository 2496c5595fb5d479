using Enclave.Server.Data;
using Enclave.Server.Organizations;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Access;

/// <summary>One organization of a federation, as the tree needs it.</summary>
public sealed record FederationNode(Guid Id, Guid? ParentId, string Name, string Description, bool HiddenInTree);

/// <summary>
/// Which nodes of a federation a person sees. Insiders (managers and members) of any node see
/// the tree, except hidden daughters and everything below them; a hidden node stays visible to
/// its own members and to the managers of any of its ancestors. Visitors do not see federations.
/// </summary>
public static class FederationVisibility
{
    public static Task<List<FederationNode>> LoadAsync(EnclaveDb db, Guid rootId, CancellationToken cancellationToken) =>
        db.Organizations.AsNoTracking().Where(o => o.RootId == rootId && !o.IsPersonal)
            .Select(o => new FederationNode(o.Id, o.ParentId, o.Name, o.Description, o.HiddenInTree)).ToListAsync(cancellationToken);

    public static async Task<bool> IsVisibleAsync(EnclaveDb db, Guid userId, Organization organization, CancellationToken cancellationToken)
    {
        var rootId = organization.RootId;
        var inFederation = await db.OrganizationMembers.AnyAsync(m => m.UserId == userId &&
            (m.Role == OrganizationRole.Manager || m.Role == OrganizationRole.Member) &&
            db.Organizations.Any(o => o.Id == m.OrganizationId && o.RootId == rootId), cancellationToken);
        if (!inFederation) return false;
        var visible = await VisibleAsync(db, userId, await LoadAsync(db, rootId, cancellationToken), cancellationToken);
        return visible.Contains(organization.Id);
    }

    public static async Task<HashSet<Guid>> VisibleAsync(EnclaveDb db, Guid userId, IReadOnlyList<FederationNode> nodes, CancellationToken cancellationToken)
    {
        var ids = nodes.Select(n => n.Id).ToList();
        var roles = await db.OrganizationMembers.AsNoTracking()
            .Where(m => m.UserId == userId && ids.Contains(m.OrganizationId) && m.Role != OrganizationRole.Visitor)
            .Select(m => new { m.OrganizationId, m.Role }).ToListAsync(cancellationToken);
        var visible = new HashSet<Guid>();
        if (roles.Count == 0) return visible;
        var insiderOf = roles.Select(r => r.OrganizationId).ToHashSet();
        var managerOf = roles.Where(r => r.Role == OrganizationRole.Manager).Select(r => r.OrganizationId).ToHashSet();
        var children = nodes.ToLookup(n => n.ParentId);
        void Walk(FederationNode node, bool parentVisible, bool underManagedAncestor)
        {
            var shown = insiderOf.Contains(node.Id) || underManagedAncestor || (parentVisible && !node.HiddenInTree);
            if (shown) visible.Add(node.Id);
            foreach (var child in children[node.Id])
                Walk(child, shown, underManagedAncestor || managerOf.Contains(node.Id));
        }
        foreach (var root in nodes.Where(n => n.ParentId is null || nodes.All(p => p.Id != n.ParentId)))
            Walk(root, parentVisible: true, underManagedAncestor: false);
        return visible;
    }
}
