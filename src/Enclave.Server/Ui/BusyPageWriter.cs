using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Options;

namespace Enclave.Server.Ui;

/// <summary>
/// Refusals for load (<c>503 server_busy</c> from the server bulkhead, <c>429</c> from a rate limit or
/// the search bound) answer a browser's page request with <see cref="BusyPage"/> instead of the
/// API's problem JSON: the status and <c>Retry-After</c> are the same, the body is readable. The page
/// is rendered without the layout and reads nothing from the database (the server refuses because it
/// has no room), so the language is the language cookie's, else the browser's; a saved account
/// language, which needs the database, is not consulted.
/// </summary>
public static class BusyPageWriter
{
    public static async Task WriteAsync(HttpContext http, int status, int retryAfterSeconds)
    {
        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        var culture = await LanguageAsync(http);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;
        try
        {
            var retry = HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method);
            var target = http.Request.PathBase + http.Request.Path + http.Request.QueryString;
            http.Response.Headers.CacheControl = "no-store";
            await new RazorComponentResult<BusyPage>(new { Busy = status == StatusCodes.Status503ServiceUnavailable, RetryAfterSeconds = retryAfterSeconds, Retry = retry, Target = target.ToString() })
            {
                StatusCode = status,
            }.ExecuteAsync(http);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous;
        }
    }

    /// <summary>The request localization's own providers and cultures (UiServiceCollectionExtensions), the account's language aside.</summary>
    private static async Task<CultureInfo> LanguageAsync(HttpContext http)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<RequestLocalizationOptions>>().Value;
        var supported = options.SupportedUICultures ?? [];
        foreach (var provider in options.RequestCultureProviders.Where(p => p is not AccountLanguageProvider))
        {
            if (await provider.DetermineProviderCultureResult(http) is not { } result) continue;
            foreach (var name in result.UICultures)
            {
                var match = supported.FirstOrDefault(c => name.Value?.StartsWith(c.Name, StringComparison.OrdinalIgnoreCase) == true);
                if (match is not null) return match;
            }
        }
        return options.DefaultRequestCulture.UICulture;
    }
}
