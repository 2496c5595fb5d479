using Enclave.Server.Access;
using Enclave.Server.Accounts.Pages.Settings;
using Enclave.Server.Data;
using Enclave.Server.Files;
using Enclave.Server.Spheres;
using Enclave.Server.Ui;
using Enclave.Server.Web;
using Microsoft.AspNetCore.Mvc;

namespace Enclave.Server.Accounts.Pages.Profile;

/// <summary>My per-sphere profile (bio and avatar overrides), through <see cref="SphereProfileEndpoints"/>.</summary>
public static class ProfileActions
{
    public static void MapProfileActions(this RouteGroupBuilder ui)
    {
        ui.MapPost("/spheres/{id:guid}/profile", async (Guid id, [FromForm] string? bio, Viewer viewer, AccessGate gate, EnclaveDb db, HttpContext http, CancellationToken ct) =>
        {
            await SphereProfileEndpoints.SetBio(id, new SphereProfileRequest(bio), viewer, gate, db, ct);
            return UiActions.Back(http, Mine(id, viewer));
        });
        ui.MapPost("/spheres/{id:guid}/profile/avatar", async (Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, IBlobStore blobs, HttpContext http, CancellationToken ct) =>
        {
            await using var body = await SettingsActions.ImageBodyAsync(http, ct);
            await SphereProfileEndpoints.SetAvatar(id, http.Request, viewer, gate, db, blobs, ct);
            return UiActions.Back(http, Mine(id, viewer));
        }).WithMetadata(new RequestSizeLimit(AvatarUpload.MaxBytes + 64 * 1024));
        ui.MapPost("/spheres/{id:guid}/profile/reset", async (Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, IBlobStore blobs, HttpContext http, CancellationToken ct) =>
        {
            await SphereProfileEndpoints.Reset(id, viewer, gate, db, blobs, ct);
            return UiActions.Back(http, Mine(id, viewer));
        });
    }

    private static string Mine(Guid sphereId, Viewer viewer) => $"/s/{sphereId}/members/{viewer.Id}";
}
