using Enclave.Server.Audit;
using Enclave.Server.Access;
using Enclave.Server.Accounts;
using Enclave.Server.Data;
using Enclave.Server.Organizations;
using Enclave.Server.Spheres;
using Enclave.Server.Web;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Memberships;

public sealed class InvitationOptions
{
    public int ExpiryDays { get; set; } = 14;
}

/// <summary>
/// Invitations into organizations and spheres. Staff invite directly; sphere members propose
/// invitations (when the sphere allows it) that wait for an administrator. Every invitation has
/// a single-use, expiring link token stored hashed.
/// </summary>
public sealed class InvitationService(EnclaveDb db, AccessGate gate, MembershipService memberships, Notifications.Notifier notifier, TimeProvider clock, Microsoft.Extensions.Options.IOptions<InvitationOptions> options, AuditLog audit)
{
    public async Task<InvitationCreated> CreateAsync(MembershipTarget target, Viewer viewer, CreateInvitationRequest request, CancellationToken cancellationToken)
    {
        var inviterId = viewer.Id;
        if (target.Sphere is { } sphereAccess ? !sphereAccess.CanInvite : !target.IsStaff) target.RequireStaff();
        if (target.Organization?.Organization.IsPersonal == true)
            throw ProblemException.Unprocessable("personal_organization", "A personal organization has no members besides its owner; invite people into a personal sphere instead.");
        var v = new Validation().OptionalText("message", request.Message, 1000);
        if (string.IsNullOrWhiteSpace(request.UserName) == string.IsNullOrWhiteSpace(request.Email))
            v.Add("userName", "give either a user name or an email address.");
        if (!string.IsNullOrWhiteSpace(request.Email)) v.Email("email", request.Email);
        v.ThrowIfAny();

        var invitee = await FindInviteeAsync(request, cancellationToken);
        var email = invitee is null ? AccountRules.Normalize(request.Email!) : null;
        var inviteeOrgRole = invitee is null ? null : await gate.OrganizationRoleAsync(invitee.Id, target.OrganizationId, cancellationToken);
        var role = ResolveRole(target, request.Role, inviteeOrgRole, invitee is not null);

        if (invitee is not null) await Moderation.Bans.ThrowIfBannedAsync(db, target.OrganizationId, invitee.Id, cancellationToken);
        if (invitee is not null && await IsAlreadyInAsync(target, invitee.Id, cancellationToken))
            throw ProblemException.Conflict("already_member", "This person is already a member.");
        var open = new[] { InvitationStatus.Pending, InvitationStatus.AwaitingApproval };
        var now = clock.GetUtcNow().UtcDateTime;
        var token = Secrets.New("inv_");
        var invitation = new Invitation
        {
            Id = Ids.New(), OrganizationId = target.OrganizationId, SphereId = target.SphereId, InvitedById = inviterId,
            InviteeUserId = invitee?.Id, InviteeEmail = email, Role = role, Message = request.Message?.Trim() ?? "",
            TokenHash = Secrets.Hash(token), Status = target.IsStaff ? InvitationStatus.Pending : InvitationStatus.AwaitingApproval,
            CreatedAt = now, ExpiresAt = now.AddDays(options.Value.ExpiryDays),
        };
        await db.InTransactionAsync(async () =>
        {
            await target.LockAsync(db, cancellationToken);
            var duplicate = await db.Invitations.AnyAsync(i => i.OrganizationId == target.OrganizationId && i.SphereId == target.SphereId &&
                open.Contains(i.Status) && i.ExpiresAt > now &&
                (invitee != null ? i.InviteeUserId == invitee.Id : i.InviteeEmail == email), cancellationToken);
            if (duplicate) throw ProblemException.Conflict("already_invited", "This person already has a pending invitation here.");
            db.Invitations.Add(invitation);
            // The invitee's email is not copied into the trail; the invitation's id leads to it while it exists.
            audit.Record(AuditActions.InvitationCreated, inviterId, new AuditTarget(invitee?.Id, target.OrganizationId, target.SphereId, "invitation", invitation.Id,
                Detail: $"{role.ToLowerInvariant()}{(invitation.Status == InvitationStatus.AwaitingApproval ? ",awaiting_approval" : "")}"));
        }, cancellationToken);
        if (invitation.Status == InvitationStatus.Pending) await NotifyInviteeAsync(invitation, cancellationToken);
        return new InvitationCreated(await ViewAsync(invitation, cancellationToken), token, $"/invite/{token}");
    }

    private async Task<User?> FindInviteeAsync(CreateInvitationRequest request, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(request.UserName))
        {
            var name = AccountRules.Normalize(request.UserName);
            return await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedUserName == name, cancellationToken)
                ?? throw new ProblemException(404, "user_not_found", "No account has this user name.", new Dictionary<string, string[]> { ["userName"] = ["does not match any account."] });
        }
        var email = AccountRules.Normalize(request.Email!);
        return await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedEmail == email, cancellationToken);
    }

    /// <summary>
    /// The role to grant. Organizations: member (default) or visitor. Spheres: insiders get member
    /// (default), publisher or administrator (the last two from administrators only); people from
    /// outside the organization can only come in as visitors of a visitor sphere.
    /// </summary>
    private static string ResolveRole(MembershipTarget target, string? requested, OrganizationRole? inviteeOrgRole, bool knownUser)
    {
        static ProblemException Bad(string message) =>
            ProblemException.Unprocessable("role_not_allowed", message, new Dictionary<string, string[]> { ["role"] = [message] });
        if (target.Sphere is null)
        {
            var role = QueryEnum.Parse<OrganizationRole>("role", requested) ?? OrganizationRole.Member;
            if (role == OrganizationRole.Manager) throw Bad("must be 'member' or 'visitor'.");
            return role.ToString();
        }
        var sphere = target.Sphere;
        var insider = inviteeOrgRole is OrganizationRole.Manager or OrganizationRole.Member || (sphere.Organization.IsPersonal && knownUser);
        if (!insider && !sphere.Organization.IsPersonal && sphere.Sphere.Type != SphereType.Visitor)
            throw ProblemException.Unprocessable("invitee_not_in_organization",
                "Only members of the organization can be invited here; external people can be invited into visitor spheres.",
                new Dictionary<string, string[]> { ["userName"] = ["is not a member of this sphere's organization."] });
        var defaultRole = insider || sphere.Organization.IsPersonal ? SphereRole.Member : SphereRole.Visitor;
        // Strict names: Enum.TryParse would also take "7" or "member,visitor" and store a role that does not exist.
        var sphereRole = QueryEnum.Parse<SphereRole>("role", requested) ?? defaultRole;
        if (!insider && !sphere.Organization.IsPersonal && sphereRole != SphereRole.Visitor) throw Bad("must be 'visitor' for someone from outside the organization.");
        if (sphereRole is SphereRole.Administrator or SphereRole.Publisher && !sphere.CanAdminister) throw Bad("only administrators can invite staff.");
        return sphereRole.ToString();
    }

    /// <summary>Already in: an organization membership, or a sphere role (explicit, or implicit in a global sphere).</summary>
    private async Task<bool> IsAlreadyInAsync(MembershipTarget target, Guid userId, CancellationToken cancellationToken) =>
        target.Sphere is { } sphere
            ? await SphereMemberEndpoints.RoleOfAsync(gate, sphere, userId, cancellationToken) is not null
            : await db.OrganizationMembers.AnyAsync(m => m.OrganizationId == target.OrganizationId && m.UserId == userId, cancellationToken);

    /// <summary>Accepts an invitation for the viewer; single use, enforced by a conditional update.</summary>
    public async Task<AcceptedResponse> AcceptAsync(Invitation invitation, Viewer viewer, CancellationToken cancellationToken)
    {
        var userId = viewer.Id;
        var now = clock.GetUtcNow().UtcDateTime;
        if (invitation.InviteeUserId is { } invitee && invitee != userId)
            throw ProblemException.Forbidden("invitation_for_someone_else", "This invitation is addressed to another account.");
        if (invitation.Status == InvitationStatus.AwaitingApproval)
            throw ProblemException.Conflict("invitation_awaiting_approval", "This invitation still waits for an administrator's approval.");
        if (invitation.Status != InvitationStatus.Pending)
            throw ProblemException.Conflict("invitation_used", "This invitation has already been used, declined or revoked.");
        if (invitation.ExpiresAt <= now)
            throw new ProblemException(410, "invitation_expired", "This invitation has expired; ask for a new one.");

        await db.InTransactionAsync(async () =>
        {
            var claimed = await db.Invitations.Where(i => i.Id == invitation.Id && i.Status == InvitationStatus.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, InvitationStatus.Accepted).SetProperty(i => i.AcceptedById, userId)
                    .SetProperty(i => i.DecidedAt, now), cancellationToken);
            if (claimed == 0) throw ProblemException.Conflict("invitation_used", "This invitation has already been used.");
            if (invitation.SphereId is { } sphereId) await JoinSphereAsync(invitation, sphereId, userId, cancellationToken);
            else await memberships.AddToOrganizationAsync(invitation.OrganizationId, userId, Enum.Parse<OrganizationRole>(invitation.Role), cancellationToken);
            audit.Record(AuditActions.InvitationAccepted, userId, new AuditTarget(userId, invitation.OrganizationId, invitation.SphereId, "invitation", invitation.Id,
                Detail: invitation.Role.ToLowerInvariant()));
        }, cancellationToken);
        return new AcceptedResponse(invitation.OrganizationId, invitation.SphereId);
    }

    private async Task JoinSphereAsync(Invitation invitation, Guid sphereId, Guid userId, CancellationToken cancellationToken)
    {
        var sphere = await db.Spheres.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sphereId, cancellationToken) ?? throw ProblemException.NotFound("sphere");
        var organization = await db.Organizations.AsNoTracking().FirstAsync(o => o.Id == sphere.OrganizationId, cancellationToken);
        var role = Enum.Parse<SphereRole>(invitation.Role);
        var orgRole = await gate.OrganizationRoleAsync(userId, sphere.OrganizationId, cancellationToken);
        if (!organization.IsPersonal)
        {
            if (orgRole is null)
            {
                if (sphere.Type != SphereType.Visitor)
                    throw ProblemException.Conflict("not_in_organization", "You must belong to the sphere's organization to join it.");
                await memberships.AddToOrganizationAsync(sphere.OrganizationId, userId, OrganizationRole.Visitor, cancellationToken);
                role = SphereRole.Visitor;
            }
            else if (orgRole == OrganizationRole.Visitor)
            {
                role = SphereRole.Visitor;
            }
        }
        await memberships.AddToSphereAsync(sphere, userId, role, cancellationToken);
    }

    /// <summary>A known invitee hears of a usable invitation (at once, or once an administrator approved it).</summary>
    public Task NotifyInviteeAsync(Invitation invitation, CancellationToken cancellationToken) =>
        invitation.InviteeUserId is { } invitee
            ? notifier.NotifyAsync([invitee], Notifications.NotificationKind.Invitation, invitation.InvitedById, invitation.OrganizationId, null, null, null, invitation.Id, cancellationToken)
            : Task.CompletedTask;

    public async Task<InvitationResponse> ViewAsync(Invitation i, CancellationToken cancellationToken) =>
        (await ViewsAsync([i], cancellationToken))[0];

    /// <summary>A page of invitations with the names they show, in three queries whatever the page size.</summary>
    public async Task<List<InvitationResponse>> ViewsAsync(IReadOnlyList<Invitation> invitations, CancellationToken cancellationToken)
    {
        var organizationIds = invitations.Select(i => i.OrganizationId).Distinct().ToList();
        var sphereIds = invitations.Where(i => i.SphereId != null).Select(i => i.SphereId!.Value).Distinct().ToList();
        var inviterIds = invitations.Select(i => i.InvitedById).Distinct().ToList();
        var organizations = await db.Organizations.AsNoTracking().Where(o => organizationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        var spheres = await db.Spheres.AsNoTracking().Where(s => sphereIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var inviters = await db.Users.AsNoTracking().Where(u => inviterIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        return invitations.Select(i => new InvitationResponse(i.Id, i.OrganizationId, organizations[i.OrganizationId], i.SphereId,
            i.SphereId is { } s && spheres.TryGetValue(s, out var sphere) ? sphere : null, i.InvitedById, inviters.GetValueOrDefault(i.InvitedById) ?? "",
            i.InviteeUserId, i.InviteeEmail, i.Role.ToLowerInvariant(), i.Message, i.Status, i.CreatedAt, i.ExpiresAt)).ToList();
    }
}
