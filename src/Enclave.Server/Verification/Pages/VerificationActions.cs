using Enclave.Server.Access;
using Enclave.Server.Audit;
using Enclave.Server.Data;
using Enclave.Server.Ui;
using Microsoft.AspNetCore.Mvc;

namespace Enclave.Server.Verification.Pages;

/// <summary>The organization members page's verify / withdraw buttons; they call the API's handlers.</summary>
public static class VerificationActions
{
    public static void MapVerificationActions(this RouteGroupBuilder ui)
    {
        ui.MapPost("/organizations/{id:guid}/members/{userId:guid}/verify", async (Guid id, Guid userId, [FromForm] string? returnUrl, Viewer viewer,
            AccessGate gate, EnclaveDb db, AuditLog audit, TimeProvider clock, HttpContext http, CancellationToken ct) =>
        {
            await IdentityVerificationEndpoints.VerifyForOrganization(id, userId, viewer, gate, db, audit, clock, ct);
            return UiActions.Back(http, returnUrl ?? $"/o/{id}/members", "Identity verified.");
        });
        ui.MapPost("/organizations/{id:guid}/members/{userId:guid}/unverify", async (Guid id, Guid userId, [FromForm] string? returnUrl, Viewer viewer,
            AccessGate gate, EnclaveDb db, AuditLog audit, HttpContext http, CancellationToken ct) =>
        {
            await IdentityVerificationEndpoints.UnverifyForOrganization(id, userId, viewer, gate, db, audit, ct);
            return UiActions.Back(http, returnUrl ?? $"/o/{id}/members", "Verification withdrawn.");
        });
    }
}
