using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Memberships;
using Enclave.Server.Ui;
using Microsoft.AspNetCore.Mvc;

namespace Enclave.Server.Spheres.Pages;

/// <summary>The sphere feed page's small actions: walk into an open sphere, ask to join one. Same handlers as the API.</summary>
public static class SphereFeedActions
{
    public static void MapSphereFeedActions(this RouteGroupBuilder ui)
    {
        ui.MapPost("/spheres/{id:guid}/enter", async (Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, MembershipService memberships, HttpContext http, CancellationToken ct) =>
        {
            await SphereEndpoints.Enter(id, viewer, gate, db, memberships, ct);
            return UiActions.Back(http, $"/s/{id}", "Welcome to this sphere.");
        });
        ui.MapPost("/spheres/{id:guid}/join-request", async (Guid id, [FromForm] string? message, Viewer viewer, AccessGate gate, EnclaveDb db, TimeProvider clock, HttpContext http, CancellationToken ct) =>
        {
            await JoinRequestEndpoints.CreateAsync(MembershipTarget.SphereAsync, id, new JoinRequestBody(string.IsNullOrWhiteSpace(message) ? null : message), viewer, gate, db, clock, ct);
            return UiActions.Back(http, $"/s/{id}", "Your request was sent to the sphere's administrators.");
        });
    }
}
