using Enclave.Server.Data;
using Enclave.Server.Organizations;
using Enclave.Server.Spheres;
using Enclave.Server.Web;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Memberships;

/// <summary>
/// Adds and removes people, keeping the federation rules: joining a daughter as a member makes
/// you a member of every ancestor; removal from an organization removes you from all its
/// descendants and from every sphere of those organizations. Callers save the changes (and own
/// the transaction) so a decision and its effects land together.
/// </summary>
public sealed class MembershipService(EnclaveDb db, TimeProvider clock)
{
    /// <summary>Adds (or upgrades) an organization membership and, for insiders, memberships of all ancestors.</summary>
    public async Task AddToOrganizationAsync(Guid organizationId, Guid userId, OrganizationRole role, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await UpsertAsync(organizationId, userId, role, now, cancellationToken);
        if (role == OrganizationRole.Visitor) return;
        foreach (var ancestor in await AncestorsAsync(organizationId, cancellationToken))
            await UpsertAsync(ancestor, userId, OrganizationRole.Member, now, cancellationToken);
    }

    private async Task UpsertAsync(Guid organizationId, Guid userId, OrganizationRole role, DateTime now, CancellationToken cancellationToken)
    {
        // Someone banned stays out whatever the path (invitation, join request, a daughter's federation).
        await Moderation.Bans.ThrowIfBannedAsync(db, organizationId, userId, cancellationToken);
        var existing = db.OrganizationMembers.Local.FirstOrDefault(m => m.OrganizationId == organizationId && m.UserId == userId)
            ?? await db.OrganizationMembers.FirstOrDefaultAsync(m => m.OrganizationId == organizationId && m.UserId == userId, cancellationToken);
        if (existing is null)
        {
            db.OrganizationMembers.Add(new OrganizationMember { Id = Ids.New(), OrganizationId = organizationId, UserId = userId, Role = role, JoinedAt = now });
        }
        else if (Rank(role) > Rank(existing.Role))
        {
            existing.Role = role;
        }
    }

    private static int Rank(OrganizationRole role) => role switch
    {
        OrganizationRole.Manager => 2,
        OrganizationRole.Member => 1,
        _ => 0,
    };

    /// <summary>Removes a person from an organization, all its descendants, and all their spheres.</summary>
    public async Task RemoveFromOrganizationAsync(Guid organizationId, Guid userId, CancellationToken cancellationToken)
    {
        var scope = await SubtreeAsync(organizationId, cancellationToken);
        // An organization keeps at least one manager; a sphere keeps at least one administrator.
        var managedAlone = await db.OrganizationMembers
            .Where(m => scope.Contains(m.OrganizationId) && m.UserId == userId && m.Role == OrganizationRole.Manager &&
                !db.OrganizationMembers.Any(o => o.OrganizationId == m.OrganizationId && o.UserId != userId && o.Role == OrganizationRole.Manager))
            .Select(m => m.OrganizationId).ToListAsync(cancellationToken);
        if (managedAlone.Count > 0)
            throw ProblemException.Conflict("last_manager", "This person is the last manager of an organization concerned; appoint another manager first.");
        var administeredAlone = await db.SphereMembers
            .Where(m => scope.Contains(m.OrganizationId) && m.UserId == userId && m.Role == SphereRole.Administrator &&
                !db.SphereMembers.Any(o => o.SphereId == m.SphereId && o.UserId != userId && o.Role == SphereRole.Administrator))
            .Select(m => m.SphereId).ToListAsync(cancellationToken);
        if (administeredAlone.Count > 0)
            throw new ProblemException(409, "last_sphere_administrator",
                "This person is the last administrator of a sphere concerned; appoint another administrator first.",
                new Dictionary<string, string[]> { ["spheres"] = administeredAlone.Select(id => id.ToString()).ToArray() });

        await db.SphereGroupMembers.Where(m => scope.Contains(m.OrganizationId) && m.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await db.SphereMembers.Where(m => scope.Contains(m.OrganizationId) && m.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await db.OrganizationMembers.Where(m => scope.Contains(m.OrganizationId) && m.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await db.JoinRequests.Where(r => scope.Contains(r.OrganizationId) && r.UserId == userId && r.Status == JoinRequestStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, JoinRequestStatus.Cancelled), cancellationToken);
        // Someone removed must not walk back in with an invitation issued before the removal.
        await db.Invitations.Where(i => scope.Contains(i.OrganizationId) && i.InviteeUserId == userId &&
                (i.Status == InvitationStatus.Pending || i.Status == InvitationStatus.AwaitingApproval))
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, InvitationStatus.Revoked), cancellationToken);
    }

    /// <summary>Removes a person from one sphere (and its groups), keeping at least one administrator.</summary>
    /// <remarks>Runs inside the caller's transaction, which the sphere lock serializes with other role changes.</remarks>
    public async Task RemoveFromSphereAsync(Guid sphereId, Guid userId, CancellationToken cancellationToken)
    {
        await db.LockSphereAsync(sphereId, cancellationToken);
        var row = await db.SphereMembers.FirstOrDefaultAsync(m => m.SphereId == sphereId && m.UserId == userId, cancellationToken)
            ?? throw ProblemException.NotFound("member");
        if (row.Role == SphereRole.Administrator &&
            !await db.SphereMembers.AnyAsync(m => m.SphereId == sphereId && m.UserId != userId && m.Role == SphereRole.Administrator, cancellationToken))
            throw ProblemException.Conflict("last_administrator", "A sphere keeps at least one administrator; appoint another one first.");
        await db.SphereGroupMembers.Where(m => m.SphereId == sphereId && m.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await db.SphereMembers.Where(m => m.Id == row.Id).ExecuteDeleteAsync(cancellationToken);
    }

    public async Task AddToSphereAsync(Sphere sphere, Guid userId, SphereRole role, CancellationToken cancellationToken)
    {
        if (sphere.VerifiedOnly && !await db.Users.AnyAsync(u => u.Id == userId && u.IdentityVerifiedAt != null, cancellationToken))
            throw ProblemException.Forbidden("identity_verification_required",
                "Only people whose identity is verified may join this sphere; an organization manager can verify it.");
        // Insiders are implicit members of a global sphere: a plain membership writes no row.
        if (sphere.Type == SphereType.Global && role == SphereRole.Member &&
            await db.OrganizationMembers.AnyAsync(m => m.OrganizationId == sphere.OrganizationId && m.UserId == userId &&
                (m.Role == OrganizationRole.Manager || m.Role == OrganizationRole.Member), cancellationToken))
            return;
        var existing = await db.SphereMembers.FirstOrDefaultAsync(m => m.SphereId == sphere.Id && m.UserId == userId, cancellationToken);
        if (existing is not null)
        {
            if (existing.Role > role) existing.Role = role; // enum order: Administrator < Publisher < Member < Visitor
            return;
        }
        db.SphereMembers.Add(new SphereMember
        {
            Id = Ids.New(), OrganizationId = sphere.OrganizationId, SphereId = sphere.Id, UserId = userId, Role = role,
            JoinedAt = clock.GetUtcNow().UtcDateTime,
        });
    }

    public async Task<List<Guid>> AncestorsAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        var result = new List<Guid>();
        var current = await db.Organizations.Where(o => o.Id == organizationId).Select(o => o.ParentId).FirstOrDefaultAsync(cancellationToken);
        while (current is { } parent && result.Count <= Federations.FederationRules.MaxDepth)
        {
            result.Add(parent);
            current = await db.Organizations.Where(o => o.Id == parent).Select(o => o.ParentId).FirstOrDefaultAsync(cancellationToken);
        }
        return result;
    }

    /// <summary>The organization and all its descendants (federations are at most <see cref="Federations.FederationRules.MaxDepth"/> deep).</summary>
    public async Task<List<Guid>> SubtreeAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        var result = new List<Guid> { organizationId };
        var level = new List<Guid> { organizationId };
        for (var depth = 0; depth <= Federations.FederationRules.MaxDepth && level.Count > 0; depth++)
        {
            var parents = level;
            level = await db.Organizations.Where(o => o.ParentId != null && parents.Contains(o.ParentId.Value)).Select(o => o.Id).ToListAsync(cancellationToken);
            result.AddRange(level);
        }
        return result;
    }
}
