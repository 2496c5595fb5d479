namespace Enclave.Server.Ui;

/// <summary>Statuses set by a page that renders its own body (its NotFoundView, its refused form).</summary>
public static class PageStatus
{
    private const string NotFoundItem = "enclave:page-not-found";

    /// <summary>
    /// 404 with the page's own <c>&lt;NotFoundView /&gt;</c> and layout. The status is applied as the
    /// headers go out: a component endpoint that sees 404 while rendering stops without writing
    /// its body (.NET 10 leaves it to a re-executed not-found page), which would show a blank page.
    /// </summary>
    public static void NotFound(HttpContext http)
    {
        if (http.Items.TryAdd(NotFoundItem, true))
            http.Response.OnStarting(() =>
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            });
    }

    public static void Set(HttpContext http, int status)
    {
        if (status == StatusCodes.Status404NotFound) NotFound(http);
        else http.Response.StatusCode = status;
    }

    /// <summary>Post/redirect/get with 303 See Other (NavigationManager answers 302).</summary>
    public static void SeeOther(HttpContext http, string location)
    {
        http.Response.StatusCode = StatusCodes.Status303SeeOther;
        http.Response.Headers.Location = location;
    }
}
