using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Ui;
using Microsoft.AspNetCore.Mvc;

namespace Enclave.Server.Notifications.Pages;

/// <summary>The notifications page's actions: open one (mark it read, then go where it leads) and mark all read.</summary>
public static class NotificationActions
{
    public static void MapNotificationActions(this RouteGroupBuilder ui)
    {
        ui.MapPost("/notifications/{id:guid}/open", Open);
        ui.MapPost("/notifications/read-all", ReadAll);
    }

    /// <summary>The target comes from the page, which built it from the gated list; only a local path is followed.</summary>
    private static async Task<IResult> Open(Guid id, [FromForm] string? returnUrl, Viewer viewer, EnclaveDb db, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        await NotificationEndpoints.MarkRead(id, viewer, db, clock, cancellationToken);
        return UiActions.Back(http, returnUrl ?? "/notifications");
    }

    private static async Task<IResult> ReadAll([FromForm] string? returnUrl, Viewer viewer, EnclaveDb db, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        await NotificationEndpoints.MarkAllRead(viewer, db, clock, cancellationToken);
        return UiActions.Back(http, returnUrl ?? "/notifications");
    }
}
