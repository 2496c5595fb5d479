using Enclave.Server.Audit;
using Enclave.Server.Access;
using Enclave.Server.Accounts;
using Enclave.Server.Data;
using Enclave.Server.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Memberships;

public static class InvitationEndpoints
{
    public static void MapInvitations(this RouteGroupBuilder api)
    {
        api.MapForBoth("invitations", "Invitations", (group, resolve) =>
        {
            group.MapPost("/", (Guid id, CreateInvitationRequest request, Viewer viewer, AccessGate gate, InvitationService invitations, CancellationToken ct) =>
                Create(resolve, id, request, viewer, gate, invitations, ct));
            group.MapGet("/", (Guid id, string? status, string? cursor, int? limit, Viewer viewer, AccessGate gate, EnclaveDb db, InvitationService invitations, CancellationToken ct) =>
                List(resolve, id, status, cursor, limit, viewer, gate, db, invitations, ct));
            group.MapPost("/{invitationId:guid}/approve", (Guid id, Guid invitationId, Viewer viewer, AccessGate gate, EnclaveDb db, InvitationService invitations, CancellationToken ct) =>
                Approve(resolve, id, invitationId, viewer, gate, db, invitations, ct));
            group.MapDelete("/{invitationId:guid}", (Guid id, Guid invitationId, Viewer viewer, AccessGate gate, EnclaveDb db, AuditLog audit, TimeProvider clock, CancellationToken ct) =>
                Revoke(resolve, id, invitationId, viewer, gate, db, audit, clock, ct));
        });

        var mine = api.MapGroup("/invitations").WithTags("Invitations");
        api.MapGet("/me/invitations", ListMine).WithTags("Invitations");
        mine.MapGet("/preview", Preview);
        mine.MapPost("/accept", AcceptByToken);
        mine.MapPost("/{id:guid}/accept", Accept);
        mine.MapPost("/{id:guid}/decline", Decline);
    }

    internal static async Task<Created<InvitationCreated>> Create(Func<AccessGate, Viewer, Guid, CancellationToken, Task<MembershipTarget>> resolve,
        Guid id, CreateInvitationRequest request, Viewer viewer, AccessGate gate, InvitationService invitations, CancellationToken ct)
    {
        var created = await invitations.CreateAsync(await resolve(gate, viewer, id, ct), viewer, request, ct);
        return TypedResults.Created($"/api/v1/invitations/{created.Invitation.Id}", created);
    }

    internal static async Task<Ok<Page<InvitationResponse>>> List(Func<AccessGate, Viewer, Guid, CancellationToken, Task<MembershipTarget>> resolve,
        Guid id, string? status, string? cursor, int? limit, Viewer viewer, AccessGate gate, EnclaveDb db, InvitationService invitations, CancellationToken ct)
    {
        var statusFilter = QueryEnum.Parse<InvitationStatus>("status", status);
        var target = (await resolve(gate, viewer, id, ct)).RequireStaff();
        var query = db.Invitations.AsNoTracking().Where(i => i.OrganizationId == target.OrganizationId && i.SphereId == target.SphereId);
        if (statusFilter is { } s) query = query.Where(i => i.Status == s);
        var page = await query.ToPageAsync(i => i.Id, cursor, limit, i => i, ct);
        return TypedResults.Ok(new Page<InvitationResponse>(await invitations.ViewsAsync(page.Items, ct), page.NextCursor));
    }

    internal static async Task<Ok<InvitationResponse>> Approve(Func<AccessGate, Viewer, Guid, CancellationToken, Task<MembershipTarget>> resolve,
        Guid id, Guid invitationId, Viewer viewer, AccessGate gate, EnclaveDb db, InvitationService invitations, CancellationToken ct)
    {
        var target = (await resolve(gate, viewer, id, ct)).RequireStaff();
        var updated = await db.Invitations.Where(i => i.Id == invitationId && i.OrganizationId == target.OrganizationId && i.SphereId == target.SphereId && i.Status == InvitationStatus.AwaitingApproval)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, InvitationStatus.Pending), ct);
        var invitation = await FindAsync(db, target, invitationId, ct);
        if (updated == 0) throw ProblemException.Conflict("not_awaiting_approval", "This invitation is not waiting for approval.");
        await invitations.NotifyInviteeAsync(invitation, ct);
        return TypedResults.Ok(await invitations.ViewAsync(invitation, ct));
    }

    internal static async Task<NoContent> Revoke(Func<AccessGate, Viewer, Guid, CancellationToken, Task<MembershipTarget>> resolve,
        Guid id, Guid invitationId, Viewer viewer, AccessGate gate, EnclaveDb db, AuditLog audit, TimeProvider clock, CancellationToken ct)
    {
        var target = await resolve(gate, viewer, id, ct);
        var invitation = await FindAsync(db, target, invitationId, ct);
        if (!target.IsStaff && invitation.InvitedById != viewer.Id) target.RequireStaff();
        await db.InTransactionAsync(async () =>
        {
            var revoked = await db.Invitations.Where(i => i.Id == invitationId && (i.Status == InvitationStatus.Pending || i.Status == InvitationStatus.AwaitingApproval))
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, InvitationStatus.Revoked).SetProperty(i => i.DecidedAt, clock.GetUtcNow().UtcDateTime), ct);
            if (revoked == 0) throw ProblemException.Conflict("invitation_used", "This invitation was already used, declined or revoked.");
            audit.Record(AuditActions.InvitationRevoked, viewer.Id, new AuditTarget(invitation.InviteeUserId, invitation.OrganizationId, invitation.SphereId, "invitation", invitation.Id));
        }, ct);
        return TypedResults.NoContent();
    }

    internal static async Task<Invitation> FindAsync(EnclaveDb db, MembershipTarget target, Guid invitationId, CancellationToken cancellationToken) =>
        await db.Invitations.AsNoTracking().FirstOrDefaultAsync(i => i.Id == invitationId && i.OrganizationId == target.OrganizationId && i.SphereId == target.SphereId, cancellationToken)
            ?? throw ProblemException.NotFound("invitation");

    /// <summary>Pending invitations addressed to the viewer, by account or by the account's email.</summary>
    internal static async Task<Ok<Page<InvitationResponse>>> ListMine(string? cursor, int? limit, Viewer viewer, EnclaveDb db, InvitationService invitations, TimeProvider clock, CancellationToken cancellationToken)
    {
        var userId = viewer.Id;
        var email = await db.Users.Where(u => u.Id == userId).Select(u => u.NormalizedEmail).FirstAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var query = db.Invitations.AsNoTracking().Where(i => i.Status == InvitationStatus.Pending && i.ExpiresAt > now &&
            (i.InviteeUserId == userId || (i.InviteeUserId == null && i.InviteeEmail == email)));
        var page = await query.ToPageAsync(i => i.Id, cursor, limit, i => i, cancellationToken);
        return TypedResults.Ok(new Page<InvitationResponse>(await invitations.ViewsAsync(page.Items, cancellationToken), page.NextCursor));
    }

    /// <summary>What an invitation link leads to, for the page that greets its holder (the token is the credential).</summary>
    internal static async Task<Ok<InvitationResponse>> Preview(string? token, EnclaveDb db, InvitationService invitations, CancellationToken cancellationToken)
    {
        var invitation = await ByTokenAsync(db, token, cancellationToken);
        return TypedResults.Ok(await invitations.ViewAsync(invitation, cancellationToken));
    }

    internal static async Task<Ok<AcceptedResponse>> AcceptByToken(AcceptByTokenRequest request, Viewer viewer, EnclaveDb db, InvitationService invitations, CancellationToken cancellationToken)
    {
        _ = viewer.Id;
        var invitation = await ByTokenAsync(db, request.Token, cancellationToken);
        return TypedResults.Ok(await invitations.AcceptAsync(invitation, viewer, cancellationToken));
    }

    internal static async Task<Ok<AcceptedResponse>> Accept(Guid id, Viewer viewer, EnclaveDb db, InvitationService invitations, CancellationToken cancellationToken)
    {
        var invitation = await AddressedToAsync(db, id, viewer, cancellationToken);
        return TypedResults.Ok(await invitations.AcceptAsync(invitation, viewer, cancellationToken));
    }

    internal static async Task<NoContent> Decline(Guid id, Viewer viewer, EnclaveDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var invitation = await AddressedToAsync(db, id, viewer, cancellationToken);
        var declined = await db.Invitations.Where(i => i.Id == invitation.Id && (i.Status == InvitationStatus.Pending || i.Status == InvitationStatus.AwaitingApproval))
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, InvitationStatus.Declined).SetProperty(i => i.DecidedAt, clock.GetUtcNow().UtcDateTime), cancellationToken);
        if (declined == 0) throw ProblemException.Conflict("invitation_used", "This invitation was already used, declined or revoked.");
        return TypedResults.NoContent();
    }

    /// <summary>An invitation the viewer may act on by id: addressed to their account or their email. Others are 404.</summary>
    internal static async Task<Invitation> AddressedToAsync(EnclaveDb db, Guid id, Viewer viewer, CancellationToken cancellationToken)
    {
        var userId = viewer.Id;
        var email = await db.Users.Where(u => u.Id == userId).Select(u => u.NormalizedEmail).FirstAsync(cancellationToken);
        return await db.Invitations.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id &&
            (i.InviteeUserId == userId || (i.InviteeUserId == null && i.InviteeEmail == email)), cancellationToken)
            ?? throw ProblemException.NotFound("invitation");
    }

    internal static async Task<Invitation> ByTokenAsync(EnclaveDb db, string? token, CancellationToken cancellationToken)
    {
        new Validation().Text("token", token, 10, 200).ThrowIfAny();
        var hash = Secrets.Hash(token!.Trim());
        return await db.Invitations.AsNoTracking().FirstOrDefaultAsync(i => i.TokenHash == hash, cancellationToken)
            ?? throw ProblemException.NotFound("invitation");
    }
}
