namespace Enclave.Server.Ui;

/// <summary>Whether a request comes from a browser that will show the answer as a page.</summary>
public static class PageRequests
{
    /// <summary>
    /// A browser navigating or sending a plain form: it accepts HTML, the path is not the API's
    /// (<c>/api</c>, <c>/openapi</c>, <c>/health</c>) nor the enhanced forms' (<c>/ui</c>, and any
    /// request /js/enclave.js sends, which shows a problem JSON inside the form).
    /// </summary>
    public static bool WantsPage(HttpContext http)
    {
        var path = http.Request.Path;
        if (path.StartsWithSegments("/api") || path.StartsWithSegments("/openapi") || path.StartsWithSegments("/health") || path.StartsWithSegments("/ui"))
            return false;
        if (http.Request.Headers.ContainsKey(UiActions.EnhancedHeader)) return false;
        return http.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
    }
}
