using System.Globalization;
using Enclave.Server.Access;
using Enclave.Server.Accounts;
using Enclave.Server.Data;
using Enclave.Server.Notifications;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Ui;

/// <summary>
/// What every page of one request needs before it renders: the viewer, their account, the header's
/// counts, the antiforgery token for scripts, the time zone. Loaded once by <see cref="UseUiRequest"/>
/// so that the layout renders without touching the database while the page loads its own data
/// (one DbContext per request must never run two queries at once).
/// </summary>
public sealed class UiRequest
{
    public const string LanguageCookie = "enclave_lang";
    public const string TimeZoneCookie = "enclave_tz";
    public const string FlashCookie = "enclave_flash";
    public const string AccountLanguageItem = "enclave:account-language";

    public Viewer Viewer { get; private set; } = Viewer.Anonymous;
    public User? Me { get; private set; }
    public int UnreadNotifications { get; private set; }
    public string CsrfToken { get; private set; } = "";
    public TimeZoneInfo TimeZone { get; private set; } = TimeZoneInfo.Utc;
    /// <summary>A one-shot message left by the previous action (e.g. "Invitation sent"), shown once.</summary>
    public string? Flash { get; private set; }
    public bool FirstRun { get; private set; }
    public string Language => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "fr" ? "fr" : "en";

    public bool IsSignedIn => Me is not null;

    /// <param name="withLayout">Whether a whole page renders: only the layout shows the bell's count and the first-run
    /// box, so form actions and fragments (fetched on every live event) skip those queries.</param>
    internal async Task LoadAsync(HttpContext http, EnclaveDb db, IAntiforgery antiforgery, bool withLayout)
    {
        Viewer = Viewer.From(http.User);
        if (Viewer.UserId is { } id)
        {
            Me = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, http.RequestAborted);
            if (Me is not null) http.Items[AccountLanguageItem] = Me.Language;
            if (Me is not null && withLayout)
            {
                // The API's own count: notifications about content no longer visible are not counted.
                var gate = http.RequestServices.GetRequiredService<AccessGate>();
                UnreadNotifications = (await NotificationEndpoints.UnreadCount(Viewer, gate, db, http.RequestAborted)).Value!.Count;
            }
        }
        else if (withLayout)
        {
            FirstRun = !await db.Users.AnyAsync(http.RequestAborted);
        }
        CsrfToken = antiforgery.GetAndStoreTokens(http).RequestToken ?? "";
        if (http.Request.Cookies.TryGetValue(TimeZoneCookie, out var tz) && TimeZoneInfo.TryFindSystemTimeZoneById(tz, out var zone))
            TimeZone = zone;
        if (http.Request.Cookies.TryGetValue(FlashCookie, out var flash))
        {
            Flash = flash.Length > 200 ? flash[..200] : flash;
            http.Response.Cookies.Delete(FlashCookie);
        }
    }

    /// <summary>Leaves a message for the next page (after a redirect).</summary>
    public static void SetFlash(HttpContext http, string message) =>
        http.Response.Cookies.Append(FlashCookie, message, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, Path = "/", Secure = http.Request.IsHttps, MaxAge = TimeSpan.FromMinutes(1) });

    public DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TimeZone);
}

public static class UiRequestMiddleware
{
    /// <summary>Loads <see cref="UiRequest"/> for page and form-action endpoints only; API calls skip it.</summary>
    public static IApplicationBuilder UseUiRequest(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var endpoint = context.GetEndpoint();
        var isPage = endpoint?.Metadata.GetMetadata<ComponentTypeMetadata>() is not null;
        // A page answers its own errors (PageStatus.NotFound keeps its own not-found view; a refused
        // form re-renders with the problem): status-code pages stay out.
        if (isPage && context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } statusPages) statusPages.Enabled = false;
        if (isPage || endpoint?.Metadata.GetMetadata<UiActionMetadata>() is not null)
        {
            var services = context.RequestServices;
            await services.GetRequiredService<UiRequest>().LoadAsync(context, services.GetRequiredService<EnclaveDb>(), services.GetRequiredService<IAntiforgery>(), withLayout: isPage);
        }
        await next();
    });
}

/// <summary>Marks the minimal-API endpoints that answer the web pages' forms.</summary>
public sealed class UiActionMetadata;
