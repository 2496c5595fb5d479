using Enclave.Server.Audit;
using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Files;
using Enclave.Server.Memberships;
using Enclave.Server.Notifications;
using Enclave.Server.Organizations;
using Enclave.Server.Ui;
using Enclave.Server.Web;
using Microsoft.AspNetCore.Mvc;

namespace Enclave.Server.Spheres.Pages;

/// <summary>
/// The sphere administration pages' per-item actions (<c>POST /ui/spheres/{id}/...</c>). Each calls
/// the API's own handler, so the same gate and rules apply, then goes back to the page (303).
/// </summary>
public static class SphereActions
{
    public static void MapSphereActions(this RouteGroupBuilder ui)
    {
        var spheres = ui.MapGroup("/spheres/{id:guid}");
        spheres.MapPost("/leave", async (Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, AuditLog audit, MembershipService memberships, HttpContext http, CancellationToken ct) =>
        {
            await SphereEndpoints.Leave(id, viewer, gate, db, audit, memberships, ct);
            return UiActions.Back(http, "/");
        });
        spheres.MapPost("/members/{userId:guid}/role", async (Guid id, Guid userId, [FromForm] string? role, [FromForm] string? returnUrl, Viewer viewer, AccessGate gate, EnclaveDb db, AuditLog audit, TimeProvider clock, HttpContext http, CancellationToken ct) =>
        {
            await SphereMemberEndpoints.ChangeRole(id, userId, new ChangeSphereRoleRequest(RoleOf(role)), viewer, gate, db, audit, clock, ct);
            return UiActions.Back(http, returnUrl ?? $"/s/{id}/members");
        });
        spheres.MapPost("/members/{userId:guid}/remove", async (Guid id, Guid userId, [FromForm] string? returnUrl, Viewer viewer, AccessGate gate, EnclaveDb db, AuditLog audit, MembershipService memberships, HttpContext http, CancellationToken ct) =>
        {
            await SphereMemberEndpoints.Remove(id, userId, viewer, gate, db, audit, memberships, ct);
            return UiActions.Back(http, returnUrl ?? $"/s/{id}/members");
        });
        spheres.MapPost("/groups/{groupId:guid}/rename", async (Guid id, Guid groupId, [FromForm] string? name, Viewer viewer, AccessGate gate, EnclaveDb db, AuditLog audit, HttpContext http, CancellationToken ct) =>
        {
            await SphereGroupEndpoints.Update(id, groupId, new GroupRequest(name ?? "", null), viewer, gate, db, ct);
            return UiActions.Back(http, $"/s/{id}/groups");
        });
        spheres.MapPost("/groups/{groupId:guid}/delete", async (Guid id, Guid groupId, Viewer viewer, AccessGate gate, EnclaveDb db, AuditLog audit, HttpContext http, CancellationToken ct) =>
        {
            await SphereGroupEndpoints.Delete(id, groupId, viewer, gate, db, ct);
            return UiActions.Back(http, $"/s/{id}/groups");
        });
        spheres.MapPost("/groups/{groupId:guid}/members", async (Guid id, Guid groupId, [FromForm] Guid? userId, Viewer viewer, AccessGate gate, EnclaveDb db, AuditLog audit, HttpContext http, CancellationToken ct) =>
        {
            if (userId is null) Validation.Field("userId", "is required.");
            await SphereGroupEndpoints.AddMember(id, groupId, userId!.Value, viewer, gate, db, ct);
            return UiActions.Back(http, $"/s/{id}/groups#group-{groupId}");
        });
        spheres.MapPost("/groups/{groupId:guid}/members/{userId:guid}/remove", async (Guid id, Guid groupId, Guid userId, Viewer viewer, AccessGate gate, EnclaveDb db, AuditLog audit, HttpContext http, CancellationToken ct) =>
        {
            await SphereGroupEndpoints.RemoveMember(id, groupId, userId, viewer, gate, db, ct);
            return UiActions.Back(http, $"/s/{id}/groups#group-{groupId}");
        });
        spheres.MapPost("/charter/accept", async (Guid id, [FromForm] int? version, Viewer viewer, AccessGate gate, EnclaveDb db, AuditLog audit, TimeProvider clock, HttpContext http, CancellationToken ct) =>
        {
            await CharterEndpoints.AcceptSphereCharter(id, new AcceptCharterRequest(version), viewer, gate, db, clock, ct);
            return UiActions.Back(http, $"/s/{id}");
        });
        spheres.MapPost("/charter/remove", async (Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, AuditLog audit, HttpContext http, CancellationToken ct) =>
        {
            await CharterEndpoints.SetSphereCharter(id, new CharterRequest(null), viewer, gate, db, audit, ct);
            return UiActions.Back(http, $"/s/{id}/charter");
        });
        spheres.MapPost("/invitations/{invitationId:guid}/approve", async (Guid id, Guid invitationId, Viewer viewer, AccessGate gate, EnclaveDb db, AuditLog audit, InvitationService invitations, HttpContext http, CancellationToken ct) =>
        {
            await InvitationEndpoints.Approve(MembershipTarget.SphereAsync, id, invitationId, viewer, gate, db, invitations, ct);
            return UiActions.Back(http, $"/s/{id}/invitations");
        });
        spheres.MapPost("/invitations/{invitationId:guid}/revoke", async (Guid id, Guid invitationId, Viewer viewer, AccessGate gate, EnclaveDb db, AuditLog audit, TimeProvider clock, HttpContext http, CancellationToken ct) =>
        {
            await InvitationEndpoints.Revoke(MembershipTarget.SphereAsync, id, invitationId, viewer, gate, db, audit, clock, ct);
            return UiActions.Back(http, $"/s/{id}/invitations");
        });
        spheres.MapPost("/profile/avatar", async (Guid id, IFormFile? avatar, Viewer viewer, AccessGate gate, EnclaveDb db, AuditLog audit, IBlobStore blobs, HttpContext http, CancellationToken ct) =>
        {
            if (avatar is null) Validation.Field("avatar", "is required.");
            await SphereProfileEndpoints.SetAvatarAsync(id, async c =>
            {
                await using var stream = avatar!.OpenReadStream();
                return await AvatarUpload.ReadAsync(stream, avatar.ContentType, avatar.Length, c);
            }, viewer, gate, db, blobs, ct);
            return UiActions.Back(http, $"/s/{id}/profile");
        }).WithMetadata(new RequestSizeLimit(AvatarUpload.MaxBytes + 16 * 1024));
        spheres.MapPost("/profile/reset", async (Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, AuditLog audit, IBlobStore blobs, HttpContext http, CancellationToken ct) =>
        {
            await SphereProfileEndpoints.Reset(id, viewer, gate, db, blobs, ct);
            return UiActions.Back(http, $"/s/{id}/profile");
        });
        spheres.MapPost("/requests/{requestId:guid}/approve", (Guid id, Guid requestId, Viewer viewer, AccessGate gate, EnclaveDb db, AuditLog audit, MembershipService memberships, Notifier notifier, TimeProvider clock, HttpContext http, CancellationToken ct) =>
            DecideAsync(id, requestId, true, viewer, gate, db, audit, memberships, notifier, clock, http, ct));
        spheres.MapPost("/requests/{requestId:guid}/decline", (Guid id, Guid requestId, Viewer viewer, AccessGate gate, EnclaveDb db, AuditLog audit, MembershipService memberships, Notifier notifier, TimeProvider clock, HttpContext http, CancellationToken ct) =>
            DecideAsync(id, requestId, false, viewer, gate, db, audit, memberships, notifier, clock, http, ct));
    }

    private static async Task<IResult> DecideAsync(Guid id, Guid requestId, bool approve, Viewer viewer, AccessGate gate, EnclaveDb db, AuditLog audit,
        MembershipService memberships, Notifier notifier, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        await JoinRequestEndpoints.DecideAsync(MembershipTarget.SphereAsync, id, requestId, approve, viewer, gate, db, audit, memberships, notifier, clock, ct);
        return UiActions.Back(http, $"/s/{id}/requests");
    }

    /// <summary>A role from a form; an unknown one is the API's validation error (the field named as the API names it).</summary>
    public static SphereRole? RoleOf(string? value)
    {
        if (string.IsNullOrEmpty(value)) return null;
        if (!Enum.TryParse<SphereRole>(value, ignoreCase: true, out var role) || !Enum.IsDefined(role)) Validation.Field("role", "is not a sphere role.");
        return role;
    }
}
