using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Ui;
using Microsoft.AspNetCore.Mvc;

namespace Enclave.Server.Memberships.Pages;

/// <summary>Accepting and declining invitations from the web pages, through the API's handlers.</summary>
public static class InvitationActions
{
    public static void MapInvitationActions(this RouteGroupBuilder ui)
    {
        ui.MapPost("/invitations/{id:guid}/accept", async (Guid id, Viewer viewer, EnclaveDb db, InvitationService invitations, HttpContext http, CancellationToken ct) =>
        {
            var accepted = (await InvitationEndpoints.Accept(id, viewer, db, invitations, ct)).Value!;
            return UiActions.Back(http, Landing(accepted), "Invitation accepted.");
        });
        ui.MapPost("/invitations/{id:guid}/decline", async (Guid id, Viewer viewer, EnclaveDb db, TimeProvider clock, HttpContext http, CancellationToken ct) =>
        {
            await InvitationEndpoints.Decline(id, viewer, db, clock, ct);
            return UiActions.Back(http, "/", "Invitation declined.");
        });
        ui.MapPost("/invitations/accept-link", async ([FromForm] string? token, Viewer viewer, EnclaveDb db, InvitationService invitations, HttpContext http, CancellationToken ct) =>
        {
            var accepted = (await InvitationEndpoints.AcceptByToken(new AcceptByTokenRequest(token), viewer, db, invitations, ct)).Value!;
            return UiActions.Back(http, Landing(accepted), "Invitation accepted.");
        });
    }

    /// <summary>Where an accepted invitation leads: its sphere, else its organization.</summary>
    public static string Landing(AcceptedResponse accepted) => accepted.SphereId is { } sphere ? $"/s/{sphere}" : $"/o/{accepted.OrganizationId}";
}
