using Microsoft.AspNetCore.Diagnostics;

namespace Enclave.Server.Posts.Pages;

/// <summary>Statuses set by a page that renders its own body (its NotFoundView, its refused form).</summary>
public static class PageStatus
{
    /// <summary>
    /// 404 with the page's own <c>NotFoundView</c>: the status-code-pages middleware must not render a
    /// second page into the same response (it would, the response looking bodiless to it).
    /// </summary>
    public static void NotFound(HttpContext http) => Set(http, StatusCodes.Status404NotFound);

    public static void Set(HttpContext http, int status)
    {
        http.Response.StatusCode = status;
        if (http.Features.Get<IStatusCodePagesFeature>() is { } pages) pages.Enabled = false;
    }

    /// <summary>Post/redirect/get with 303 See Other (NavigationManager answers 302).</summary>
    public static void SeeOther(HttpContext http, string location)
    {
        http.Response.StatusCode = StatusCodes.Status303SeeOther;
        http.Response.Headers.Location = location;
    }
}
