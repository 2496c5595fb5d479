using Enclave.Server.Audit;
using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Files;
using Enclave.Server.Notifications;
using Enclave.Server.Ui;
using Enclave.Server.Web;
using Microsoft.AspNetCore.Mvc;
using System.Security.Claims;

namespace Enclave.Server.Accounts.Pages.Settings;

/// <summary>
/// The settings pages' small actions (avatar, sessions, tokens, notification levels). Each calls the
/// API's own handler and redirects back; a refusal goes back with the problem's title as the message.
/// </summary>
public static class SettingsActions
{
    public static void MapSettingsActions(this RouteGroupBuilder ui)
    {
        ui.MapPost("/me/avatar", SetAvatar).WithMetadata(new RequestSizeLimit(AvatarUpload.MaxBytes + 64 * 1024));
        ui.MapPost("/me/avatar/delete", async ([FromForm] string? returnUrl, Viewer viewer, EnclaveDb db, IBlobStore blobs, HttpContext http, CancellationToken ct) =>
        {
            await MeEndpoints.DeleteAvatar(viewer, db, blobs, ct);
            return UiActions.Back(http, returnUrl ?? "/settings");
        });
        ui.MapPost("/me/sessions/{id:guid}/close", CloseSession);
        ui.MapPost("/me/sessions/close-others", async (Viewer viewer, HttpContext http, EnclaveDb db, Audit.AuditLog audit, CancellationToken ct) =>
        {
            await SessionRevocation.CloseOthers(viewer, http, db, audit, ct);
            return UiActions.Back(http, "/settings/sessions?saved=true");
        });
        ui.MapPost("/me/sessions/close-all", async (Viewer viewer, HttpContext http, EnclaveDb db, AuditLog audit, CancellationToken ct) =>
        {
            await AuthEndpoints.LogoutAll(viewer, http, db, audit, ct);
            return UiActions.Back(http, "/signin");
        });
        ui.MapPost("/me/tokens/{id:guid}/revoke", async (Guid id, Viewer viewer, EnclaveDb db, AuditLog audit, HttpContext http, CancellationToken ct) =>
        {
            await TokenEndpoints.Revoke(id, viewer, db, audit, ct);
            return UiActions.Back(http, "/settings/tokens?revoked=true");
        });
        ui.MapPost("/me/notification-levels/{id:guid}", async (Guid id, [FromForm] string? level, Viewer viewer, AccessGate gate, EnclaveDb db, HttpContext http, CancellationToken ct) =>
        {
            NotificationLevel? parsed = Enum.TryParse<NotificationLevel>(level, ignoreCase: true, out var l) && Enum.IsDefined(l) ? l : null;
            await NotificationEndpoints.SetLevel(id, new NotificationLevelRequest(parsed), viewer, gate, db, ct);
            return UiActions.Back(http, $"/settings/notifications?saved={id}#level-{id}");
        });
    }

    /// <summary>
    /// The form sends the image as a multipart file; the API's handler reads an image body, so the
    /// file becomes the request body it reads (its real type is sniffed from the bytes, not trusted).
    /// </summary>
    private static async Task<IResult> SetAvatar([FromForm] string? returnUrl, Viewer viewer, EnclaveDb db, IBlobStore blobs, HttpContext http, CancellationToken cancellationToken)
    {
        await using var body = await ImageBodyAsync(http, cancellationToken);
        await MeEndpoints.SetAvatar(http.Request, viewer, db, blobs, cancellationToken);
        return UiActions.Back(http, returnUrl ?? "/settings");
    }

    /// <summary>The form's "file" as the request body, for the API's avatar handlers.</summary>
    internal static async Task<Stream> ImageBodyAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var form = await http.Request.ReadFormAsync(cancellationToken);
        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0) Validation.Field("file", "is required.");
        var body = file!.OpenReadStream();
        http.Request.Body = body;
        http.Request.ContentType = "image/upload";
        http.Request.ContentLength = file.Length;
        return body;
    }

    /// <summary>Closing the session in use signs this browser out.</summary>
    private static async Task<IResult> CloseSession(Guid id, Viewer viewer, EnclaveDb db, AuditLog audit, HttpContext http, CancellationToken cancellationToken)
    {
        await MeEndpoints.CloseSession(id, viewer, db, audit, cancellationToken);
        var current = Guid.TryParse(http.User.FindFirstValue(EnclaveClaims.SessionId), out var sid) && sid == id;
        if (!current) return UiActions.Back(http, "/settings/sessions?saved=true");
        Sessions.ClearCookie(http);
        return UiActions.Back(http, "/signin");
    }
}
