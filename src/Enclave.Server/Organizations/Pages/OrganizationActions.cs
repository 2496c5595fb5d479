using Enclave.Server.Audit;
using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Federations;
using Enclave.Server.Memberships;
using Enclave.Server.Notifications;
using Enclave.Server.Spheres;
using Enclave.Server.Ui;
using Enclave.Server.Web;
using Microsoft.AspNetCore.Mvc;

namespace Enclave.Server.Organizations.Pages;

/// <summary>
/// The organization pages' small actions (POST /ui/organizations/...). Each calls the API's own
/// handler with the viewer, so the gate and the rules are the API's; a refusal goes back to the page
/// with the problem's title (see <see cref="UiActionFilter"/>).
/// </summary>
public static class OrganizationActions
{
    public static void MapOrganizationActions(this RouteGroupBuilder ui)
    {
        var o = ui.MapGroup("/organizations/{id:guid}");
        o.MapPost("/charter/accept", async (Guid id, [FromForm] int? version, [FromForm] string? returnUrl, Viewer viewer, AccessGate gate, EnclaveDb db, AuditLog audit, TimeProvider clock, HttpContext http, CancellationToken ct) =>
        {
            await CharterEndpoints.AcceptOrganizationCharter(id, new AcceptCharterRequest(version), viewer, gate, db, clock, ct);
            return UiActions.Back(http, returnUrl ?? $"/o/{id}", "Charter accepted.");
        });
        o.MapPost("/charter/remove", async (Guid id, [FromForm] string? returnUrl, Viewer viewer, AccessGate gate, EnclaveDb db, AuditLog audit, HttpContext http, CancellationToken ct) =>
        {
            await CharterEndpoints.SetOrganizationCharter(id, new CharterRequest(null), viewer, gate, db, audit, ct);
            return UiActions.Back(http, returnUrl ?? $"/o/{id}/charter", "Charter removed.");
        });
        o.MapPost("/leave", async (Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, AuditLog audit, MembershipService memberships, HttpContext http, CancellationToken ct) =>
        {
            await OrganizationMemberEndpoints.Remove(id, viewer.Id, viewer, gate, db, audit, memberships, ct);
            return UiActions.Back(http, "/organizations", "You left the organization.");
        });
        o.MapPost("/members/{userId:guid}/role", async (Guid id, Guid userId, [FromForm] string? role, [FromForm] string? returnUrl, Viewer viewer, AccessGate gate, EnclaveDb db, AuditLog audit, MembershipService memberships, HttpContext http, CancellationToken ct) =>
        {
            OrganizationRole? parsed = null;
            if (!string.IsNullOrEmpty(role))
            {
                if (!Enum.TryParse<OrganizationRole>(role, ignoreCase: true, out var r) || !Enum.IsDefined(r) || int.TryParse(role, out _))
                    Validation.Field("role", "is not an organization role.");
                parsed = r;
            }
            await OrganizationMemberEndpoints.ChangeRole(id, userId, new ChangeOrganizationRoleRequest(parsed), viewer, gate, db, audit, memberships, ct);
            return UiActions.Back(http, returnUrl ?? $"/o/{id}/members", "Role changed.");
        });
        o.MapPost("/members/{userId:guid}/remove", async (Guid id, Guid userId, [FromForm] string? returnUrl, Viewer viewer, AccessGate gate, EnclaveDb db, AuditLog audit, MembershipService memberships, HttpContext http, CancellationToken ct) =>
        {
            await OrganizationMemberEndpoints.Remove(id, userId, viewer, gate, db, audit, memberships, ct);
            return UiActions.Back(http, userId == viewer.Id ? "/organizations" : returnUrl ?? $"/o/{id}/members", userId == viewer.Id ? "You left the organization." : "Removed.");
        });
        o.MapPost("/invitations/{invitationId:guid}/revoke", async (Guid id, Guid invitationId, [FromForm] string? returnUrl, Viewer viewer, AccessGate gate, EnclaveDb db, AuditLog audit, TimeProvider clock, HttpContext http, CancellationToken ct) =>
        {
            await InvitationEndpoints.Revoke(MembershipTarget.OrganizationAsync, id, invitationId, viewer, gate, db, audit, clock, ct);
            return UiActions.Back(http, returnUrl ?? $"/o/{id}/invitations", "Invitation revoked.");
        });
        o.MapPost("/join-requests", async (Guid id, [FromForm] string? message, [FromForm] string? returnUrl, Viewer viewer, AccessGate gate, EnclaveDb db, AuditLog audit, TimeProvider clock, HttpContext http, CancellationToken ct) =>
        {
            await JoinRequestEndpoints.CreateAsync(MembershipTarget.OrganizationAsync, id, new JoinRequestBody(string.IsNullOrWhiteSpace(message) ? null : message), viewer, gate, db, clock, ct);
            return UiActions.Back(http, returnUrl ?? $"/o/{id}/portal", "Your request was sent.");
        });
        o.MapPost("/join-requests/{requestId:guid}/approve", (Guid id, Guid requestId, [FromForm] string? returnUrl, Viewer viewer, AccessGate gate, EnclaveDb db, AuditLog audit, MembershipService memberships, Notifier notifier, TimeProvider clock, HttpContext http, CancellationToken ct) =>
            DecideJoinAsync(id, requestId, true, returnUrl, viewer, gate, db, audit, memberships, notifier, clock, http, ct));
        o.MapPost("/join-requests/{requestId:guid}/decline", (Guid id, Guid requestId, [FromForm] string? returnUrl, Viewer viewer, AccessGate gate, EnclaveDb db, AuditLog audit, MembershipService memberships, Notifier notifier, TimeProvider clock, HttpContext http, CancellationToken ct) =>
            DecideJoinAsync(id, requestId, false, returnUrl, viewer, gate, db, audit, memberships, notifier, clock, http, ct));
        o.MapPost("/federation-requests/{requestId:guid}/approve", (Guid id, Guid requestId, [FromForm] string? returnUrl, Viewer viewer, AccessGate gate, EnclaveDb db, AuditLog audit, FederationService federation, TimeProvider clock, HttpContext http, CancellationToken ct) =>
            DecideFederationAsync(id, requestId, true, returnUrl, viewer, gate, db, audit, federation, clock, http, ct));
        o.MapPost("/federation-requests/{requestId:guid}/decline", (Guid id, Guid requestId, [FromForm] string? returnUrl, Viewer viewer, AccessGate gate, EnclaveDb db, AuditLog audit, FederationService federation, TimeProvider clock, HttpContext http, CancellationToken ct) =>
            DecideFederationAsync(id, requestId, false, returnUrl, viewer, gate, db, audit, federation, clock, http, ct));
        o.MapPost("/detach", async (Guid id, [FromForm] string? returnUrl, Viewer viewer, AccessGate gate, EnclaveDb db, AuditLog audit, FederationService federation, HttpContext http, CancellationToken ct) =>
        {
            await FederationEndpoints.Detach(id, viewer, gate, db, audit, federation, ct);
            return UiActions.Back(http, returnUrl ?? $"/o/{id}/federation", "Detached.");
        });
        o.MapPost("/hidden", async (Guid id, [FromForm] bool? hidden, [FromForm] string? returnUrl, Viewer viewer, AccessGate gate, EnclaveDb db, AuditLog audit, HttpContext http, CancellationToken ct) =>
        {
            await OrganizationEndpoints.Update(id, new UpdateOrganizationRequest(null, null, null, null, hidden ?? false, null), viewer, gate, db, audit, ct);
            return UiActions.Back(http, returnUrl ?? $"/o/{id}/federation");
        });
        // From the internal portal: enter an open sphere, or ask to join a listed one.
        o.MapPost("/spheres/{sphereId:guid}/enter", async (Guid id, Guid sphereId, Viewer viewer, AccessGate gate, EnclaveDb db, AuditLog audit, MembershipService memberships, HttpContext http, CancellationToken ct) =>
        {
            await SphereEndpoints.Enter(sphereId, viewer, gate, db, memberships, ct);
            return UiActions.Back(http, $"/s/{sphereId}");
        });
        o.MapPost("/spheres/{sphereId:guid}/join-request", async (Guid id, Guid sphereId, [FromForm] string? returnUrl, Viewer viewer, AccessGate gate, EnclaveDb db, AuditLog audit, TimeProvider clock, HttpContext http, CancellationToken ct) =>
        {
            await JoinRequestEndpoints.CreateAsync(MembershipTarget.SphereAsync, sphereId, new JoinRequestBody(null), viewer, gate, db, clock, ct);
            return UiActions.Back(http, returnUrl ?? $"/o/{id}", "Your request was sent.");
        });
    }

    private static async Task<IResult> DecideJoinAsync(Guid id, Guid requestId, bool approve, string? returnUrl, Viewer viewer, AccessGate gate, EnclaveDb db, AuditLog audit,
        MembershipService memberships, Notifier notifier, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        await JoinRequestEndpoints.DecideAsync(MembershipTarget.OrganizationAsync, id, requestId, approve, viewer, gate, db, audit, memberships, notifier, clock, ct);
        return UiActions.Back(http, returnUrl ?? $"/o/{id}/requests", approve ? "Request approved." : "Request declined.");
    }

    private static async Task<IResult> DecideFederationAsync(Guid id, Guid requestId, bool accept, string? returnUrl, Viewer viewer, AccessGate gate, EnclaveDb db, AuditLog audit,
        FederationService federation, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        await FederationEndpoints.Decide(id, requestId, accept, viewer, gate, db, audit, federation, clock, ct);
        return UiActions.Back(http, returnUrl ?? $"/o/{id}/requests", accept ? "Request approved." : "Request declined.");
    }
}
