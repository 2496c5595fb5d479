using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Live;
using Enclave.Server.Ui;
using Microsoft.AspNetCore.Mvc;

namespace Enclave.Server.Tools.Ads.Pages;

/// <summary>The ad page's status buttons: the API's handler (same gate, same rules), then back.</summary>
public static class AdActions
{
    public static void MapAdActions(RouteGroupBuilder ui)
    {
        ui.MapPost("/ads/{id:guid}/status", async (Guid id, HttpContext http, [FromForm] string? status, [FromForm] string? returnUrl,
            Viewer viewer, AccessGate gate, EnclaveDb db, AdService ads, AdViews views, LivePublisher live, CancellationToken ct) =>
        {
            AdStatus? parsed = Enum.TryParse<AdStatus>(status, true, out var s) && Enum.IsDefined(s) ? s : null;
            await AdEndpoints.SetStatus(id, new AdStatusRequest(parsed), viewer, gate, db, ads, views, live, ct);
            return UiActions.Back(http, returnUrl);
        });
    }
}
