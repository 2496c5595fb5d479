using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Ui;
using Microsoft.AspNetCore.Mvc;

namespace Enclave.Server.Moderation.Pages;

/// <summary>The moderation page's buttons: each calls the API's handler (same gate, same rules), then goes back.</summary>
public static class ModerationActions
{
    public static void MapModerationActions(this RouteGroupBuilder ui)
    {
        ui.MapPost("/moderation/reports/{id:guid}/act", async (Guid id, [FromForm] string? action, [FromForm] string? message, [FromForm] int? hours, [FromForm] string? returnUrl,
            Viewer viewer, AccessGate gate, EnclaveDb db, ModerationService moderation, HttpContext http, CancellationToken ct) =>
        {
            await ModerationEndpoints.ActOnReport(id, new ModerationRequest(action, message, hours), viewer, gate, db, moderation, ct);
            return UiActions.Back(http, returnUrl);
        });
        ui.MapPost("/moderation/reports/{id:guid}/dismiss", async (Guid id, [FromForm] string? returnUrl,
            Viewer viewer, AccessGate gate, EnclaveDb db, ModerationService moderation, HttpContext http, CancellationToken ct) =>
        {
            await ModerationEndpoints.Dismiss(id, viewer, gate, db, moderation, ct);
            return UiActions.Back(http, returnUrl);
        });
        ui.MapPost("/posts/{id:guid}/moderation", async (Guid id, [FromForm] string? action, [FromForm] string? returnUrl,
            Viewer viewer, AccessGate gate, ModerationService moderation, HttpContext http, CancellationToken ct) =>
        {
            await ModerationEndpoints.ActOnPost(id, new ModerationRequest(action, null, null), viewer, gate, moderation, ct);
            return UiActions.Back(http, returnUrl);
        });
    }
}
