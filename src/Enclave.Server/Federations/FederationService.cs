using Enclave.Server.Data;
using Enclave.Server.Organizations;
using Enclave.Server.Web;
using Microsoft.EntityFrameworkCore;
using Enclave.Server.Memberships;

namespace Enclave.Server.Federations;

/// <summary>Attaching and detaching organizations, keeping the tree acyclic, shallow, and its membership rule true.</summary>
public sealed class FederationService(EnclaveDb db, MembershipService memberships)
{
    /// <summary>Refuses cycles and trees deeper than <see cref="FederationRules.MaxDepth"/>.</summary>
    public async Task CheckAttachAsync(Guid daughterId, Guid parentId, CancellationToken cancellationToken)
    {
        if (daughterId == parentId)
            throw ProblemException.Unprocessable("federation_cycle", "An organization cannot be its own mother.", ParentError("cannot be the organization itself."));
        var subtree = await memberships.SubtreeAsync(daughterId, cancellationToken);
        if (subtree.Contains(parentId))
            throw ProblemException.Unprocessable("federation_cycle", "The mother cannot be one of the organization's own descendants.", ParentError("is a descendant of this organization."));
        var parentDepth = (await memberships.AncestorsAsync(parentId, cancellationToken)).Count;
        var subtreeHeight = await HeightAsync(daughterId, cancellationToken);
        if (parentDepth + 1 + subtreeHeight > FederationRules.MaxDepth)
            throw ProblemException.Unprocessable("federation_too_deep", $"A federation is at most {FederationRules.MaxDepth + 1} levels deep.", ParentError("would make the federation too deep."));
    }

    /// <summary>Attaches, moves the subtree into the new root, and makes the subtree's insiders members of every new ancestor.</summary>
    public async Task AttachAsync(Guid daughterId, Guid parentId, CancellationToken cancellationToken)
    {
        await CheckAttachAsync(daughterId, parentId, cancellationToken);
        var parentRoot = await db.Organizations.Where(o => o.Id == parentId).Select(o => o.RootId).FirstAsync(cancellationToken);
        var subtree = await memberships.SubtreeAsync(daughterId, cancellationToken);
        await db.Organizations.Where(o => o.Id == daughterId).ExecuteUpdateAsync(s => s.SetProperty(o => o.ParentId, parentId), cancellationToken);
        await db.Organizations.Where(o => subtree.Contains(o.Id)).ExecuteUpdateAsync(s => s.SetProperty(o => o.RootId, parentRoot), cancellationToken);
        // Once attached, the daughter's other pending requests are moot (the one being accepted is marked by its caller).
        await db.FederationRequests.Where(r => r.OrganizationId == daughterId && r.Status == FederationRequestStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, FederationRequestStatus.Cancelled), cancellationToken);
        // Paged by user id so a large organization is never loaded whole.
        Guid? after = null;
        while (true)
        {
            var query = db.OrganizationMembers.AsNoTracking()
                .Where(m => subtree.Contains(m.OrganizationId) && (m.Role == OrganizationRole.Manager || m.Role == OrganizationRole.Member));
            if (after is { } a) query = query.Where(m => m.UserId.CompareTo(a) > 0);
            var users = await query.Select(m => m.UserId).Distinct().OrderBy(u => u).Take(500).ToListAsync(cancellationToken);
            if (users.Count == 0) break;
            foreach (var user in users) await memberships.AddToOrganizationAsync(daughterId, user, OrganizationRole.Member, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            after = users[^1];
        }
    }

    /// <summary>Detaches: the subtree becomes its own federation; people keep the memberships they have.</summary>
    public async Task DetachAsync(Guid daughterId, CancellationToken cancellationToken)
    {
        var subtree = await memberships.SubtreeAsync(daughterId, cancellationToken);
        await db.Organizations.Where(o => o.Id == daughterId).ExecuteUpdateAsync(s => s.SetProperty(o => o.ParentId, (Guid?)null), cancellationToken);
        await db.Organizations.Where(o => subtree.Contains(o.Id)).ExecuteUpdateAsync(s => s.SetProperty(o => o.RootId, daughterId), cancellationToken);
    }

    private async Task<int> HeightAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        var level = new List<Guid> { organizationId };
        var height = 0;
        while (height <= FederationRules.MaxDepth + 1)
        {
            var parents = level;
            level = await db.Organizations.Where(o => o.ParentId != null && parents.Contains(o.ParentId.Value)).Select(o => o.Id).ToListAsync(cancellationToken);
            if (level.Count == 0) break;
            height++;
        }
        return height;
    }

    private static Dictionary<string, string[]> ParentError(string message) => new() { ["parentId"] = [message] };
}
