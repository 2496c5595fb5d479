using Enclave.Server.Audit;
using Enclave.Server.Accounts;
using Enclave.Server.Memberships.Pages;
using Enclave.Server.Organizations.Pages;
using Enclave.Server.Posts.Pages;
using Enclave.Server.Spheres.Pages;
using Enclave.Server.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Ui;

/// <summary>
/// Form actions of the web pages (<c>POST /ui/...</c>): each validates the antiforgery token,
/// calls the same handler or service as the API, then redirects back (303, post/redirect/get).
/// When /js/enclave.js sends the form (header <c>X-Enclave-Enhanced</c>), a failure answers as
/// the API does (problem details, shown next to the form) and success answers 204 or a fragment.
/// </summary>
public static class UiActions
{
    public const string EnhancedHeader = "X-Enclave-Enhanced";

    public static RouteGroupBuilder MapUiActions(this WebApplication app)
    {
        var ui = app.MapGroup("/ui").ExcludeFromDescription().WithMetadata(new UiActionMetadata()).AddEndpointFilter<UiActionFilter>();
        ui.MapPost("/language", Language);
        ui.MapPost("/signout", SignOut);
        // One line per capability whose pages have form actions.
        ui.MapPostActions();
        ui.MapInvitationActions();
        ui.MapOrganizationActions();
        ui.MapSphereFeedActions();
        Notifications.Pages.NotificationActions.MapNotificationActions(ui);
        Accounts.Pages.Settings.SettingsActions.MapSettingsActions(ui);
        Accounts.Pages.Profile.ProfileActions.MapProfileActions(ui);
        ui.MapSphereActions();
        Verification.Pages.VerificationActions.MapVerificationActions(ui);
        Privacy.Export.Pages.ExportActions.MapExportActions(ui);
        Moderation.Pages.ModerationActions.MapModerationActions(ui);
        Tools.ToolsServiceCollectionExtensions.MapToolActions(ui);
        return ui;
    }

    public static bool IsEnhanced(HttpContext http) => http.Request.Headers.ContainsKey(EnhancedHeader);

    /// <summary>A local path to go back to; anything else (another host, a scheme) becomes "/".</summary>
    public static string LocalUrl(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url : "/";

    /// <summary>Back to the page after a successful action, with an optional one-shot message (a key of Ui/Text).</summary>
    public static IResult Back(HttpContext http, string? returnUrl, string? flash = null)
    {
        if (IsEnhanced(http)) return TypedResults.NoContent();
        if (flash is not null) UiRequest.SetFlash(http, flash);
        return new SeeOther(LocalUrl(returnUrl));
    }

    private static async Task<IResult> Language([FromForm] string? language, [FromForm] string? returnUrl, HttpContext http, UiRequest ui, Data.EnclaveDb db, CancellationToken cancellationToken)
    {
        var code = language == "fr" ? "fr" : "en";
        http.Response.Cookies.Append(UiRequest.LanguageCookie, Microsoft.AspNetCore.Localization.CookieRequestCultureProvider.MakeCookieValue(new(code)),
            new CookieOptions { Path = "/", SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps, MaxAge = TimeSpan.FromDays(365), IsEssential = true });
        // The account's language also decides its emails; it wins over the cookie on every device.
        if (ui.Me is { } me)
            await db.Users.Where(u => u.Id == me.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.Language, code), cancellationToken);
        return Back(http, returnUrl);
    }

    private static async Task<IResult> SignOut(HttpContext http, Data.EnclaveDb db, AuditLog audit, CancellationToken cancellationToken)
    {
        await Sessions.EndCurrentAsync(http, db, audit, cancellationToken);
        return Back(http, "/");
    }
}

/// <summary>303 See Other: the browser follows with a GET, whatever the form's method was.</summary>
public sealed class SeeOther(string location) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
        httpContext.Response.Headers.Location = location;
        return Task.CompletedTask;
    }
}

/// <summary>
/// Antiforgery on every form action (whatever its parameters), and, for a plain form post, a
/// refused action goes back to the page with the problem's title as the message instead of JSON.
/// </summary>
public sealed class UiActionFilter(IAntiforgery antiforgery) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!await antiforgery.IsRequestValidAsync(http))
            throw ProblemException.Forbidden("csrf_token_invalid", "The form expired. Reload the page and try again.");
        try
        {
            return await next(context);
        }
        catch (ProblemException problem) when (!UiActions.IsEnhanced(http) && !HttpMethods.IsGet(http.Request.Method))
        {
            UiRequest.SetFlash(http, problem.Title);
            var back = http.Request.HasFormContentType && http.Request.Form.TryGetValue("returnUrl", out var r) ? r.ToString() : http.Request.Headers.Referer.ToString();
            if (back.StartsWith($"{http.Request.Scheme}://{http.Request.Host}", StringComparison.OrdinalIgnoreCase))
                back = back[$"{http.Request.Scheme}://{http.Request.Host}".Length..];
            return new SeeOther(UiActions.LocalUrl(back));
        }
    }
}
