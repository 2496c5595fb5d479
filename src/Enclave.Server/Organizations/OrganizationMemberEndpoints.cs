using Enclave.Server.Audit;
using Enclave.Server.Access;
using Enclave.Server.Accounts;
using Enclave.Server.Data;
using Enclave.Server.Memberships;
using Enclave.Server.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Organizations;

/// <param name="VerifiedHere">The person's identity was verified on behalf of this organization (its managers may withdraw it).</param>
public sealed record OrganizationMemberResponse(UserSummary User, OrganizationRole Role, DateTime JoinedAt, bool VerifiedHere);

public sealed record ChangeOrganizationRoleRequest(OrganizationRole? Role);

public static class OrganizationMemberEndpoints
{
    public static RouteGroupBuilder MapOrganizationMembers(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/organizations/{id:guid}/members").WithTags("Organization members");
        group.MapGet("/", List);
        group.MapPatch("/{userId:guid}", ChangeRole);
        group.MapDelete("/{userId:guid}", Remove);
        return group;
    }

    /// <summary>Managers and members see the insiders; only managers also see visitors.</summary>
    internal static async Task<Ok<Page<OrganizationMemberResponse>>> List(
        Guid id, QueryEnum<OrganizationRole>? role, string? cursor, int? limit, Viewer viewer, AccessGate gate, EnclaveDb db, CancellationToken cancellationToken)
    {
        _ = viewer.Id;
        var access = await gate.OrganizationAsync(viewer, id, cancellationToken);
        if (!access.CanListMembers) throw ProblemException.Forbidden("members_hidden", "Only the organization's members can see its people.");
        var query = from m in db.OrganizationMembers.AsNoTracking()
                    join u in db.Users.AsNoTracking() on m.UserId equals u.Id
                    where m.OrganizationId == id && u.ClosedAt == null
                    select new { m.Id, m.Role, m.JoinedAt, User = u };
        if (!access.IsManager) query = query.Where(x => x.Role != OrganizationRole.Visitor);
        if (role?.Value is { } r) query = query.Where(x => x.Role == r);
        return TypedResults.Ok(await query.ToPageAsync(x => x.Id, cursor, limit,
            x => new OrganizationMemberResponse(UserSummary.From(x.User), x.Role, x.JoinedAt, x.User.IdentityVerifiedByOrganizationId == id), cancellationToken));
    }

    internal static async Task<Ok<OrganizationMemberResponse>> ChangeRole(
        Guid id, Guid userId, ChangeOrganizationRoleRequest request, Viewer viewer, AccessGate gate, EnclaveDb db, AuditLog audit, MembershipService memberships, CancellationToken cancellationToken)
    {
        new Validation().Require("role", request.Role).ThrowIfAny();
        await OrganizationEndpoints.RequireManagerAsync(gate, viewer, id, cancellationToken);
        var member = await db.OrganizationMembers.FirstOrDefaultAsync(m => m.OrganizationId == id && m.UserId == userId, cancellationToken)
            ?? throw ProblemException.NotFound("member");
        if (member.Role == OrganizationRole.Manager && request.Role != OrganizationRole.Manager &&
            !await db.OrganizationMembers.AnyAsync(m => m.OrganizationId == id && m.UserId != userId && m.Role == OrganizationRole.Manager, cancellationToken))
            throw ProblemException.Conflict("last_manager", "An organization keeps at least one manager; appoint another one first.");
        var role = request.Role!.Value;
        // The federation rule holds both ways: an insider of a daughter is an insider of every
        // ancestor, so they cannot be made a visitor here, and becoming an insider here lifts
        // them into the ancestors.
        if (role == OrganizationRole.Visitor && member.Role != OrganizationRole.Visitor)
        {
            var descendants = (await memberships.SubtreeAsync(id, cancellationToken)).Where(o => o != id).ToList();
            if (await db.OrganizationMembers.AnyAsync(m => descendants.Contains(m.OrganizationId) && m.UserId == userId && m.Role != OrganizationRole.Visitor, cancellationToken))
                throw ProblemException.Conflict("insider_of_daughter", "This person belongs to a daughter organization, so they stay a member here; remove them from it first.");
        }
        if (member.Role != role)
            audit.Record(AuditActions.OrganizationRoleChanged, viewer.Id, new AuditTarget(userId, id, TargetType: "user", TargetId: userId, Detail: $"{member.Role}->{role}".ToLowerInvariant()));
        member.Role = role;
        await db.InTransactionAsync(() => memberships.AddToOrganizationAsync(id, userId, role, cancellationToken), cancellationToken);
        var user = await db.Users.AsNoTracking().FirstAsync(u => u.Id == userId, cancellationToken);
        return TypedResults.Ok(new OrganizationMemberResponse(UserSummary.From(user), member.Role, member.JoinedAt, user.IdentityVerifiedByOrganizationId == id));
    }

    /// <summary>A manager removes someone, or anyone leaves (their own id). Removal cascades to daughters and spheres.</summary>
    internal static async Task<NoContent> Remove(
        Guid id, Guid userId, Viewer viewer, AccessGate gate, EnclaveDb db, AuditLog audit, MembershipService memberships, CancellationToken cancellationToken)
    {
        var access = await gate.OrganizationAsync(viewer, id, cancellationToken);
        if (userId != viewer.Id && !access.IsManager)
            throw ProblemException.Forbidden("not_manager", "Only the organization's managers can remove people.");
        if (access.Organization.IsPersonal) throw ProblemException.Conflict("personal_organization", "You cannot leave your personal organization.");
        if (!await db.OrganizationMembers.AnyAsync(m => m.OrganizationId == id && m.UserId == userId, cancellationToken))
            throw ProblemException.NotFound("member");
        audit.Record(userId == viewer.Id ? AuditActions.OrganizationLeft : AuditActions.OrganizationMemberRemoved, viewer.Id,
            new AuditTarget(userId, id, TargetType: "user", TargetId: userId));
        await db.InTransactionAsync(() => memberships.RemoveFromOrganizationAsync(id, userId, cancellationToken), cancellationToken);
        return TypedResults.NoContent();
    }
}
