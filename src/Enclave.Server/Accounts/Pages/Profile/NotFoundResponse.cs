namespace Enclave.Server.Accounts.Pages.Profile;

/// <summary>
/// A page that renders its own not-found view answers 404. Blazor (.NET 10) renders no body for a
/// component that sets 404 during rendering, and the status-code page cannot render the app a second
/// time in the same request; so the page renders normally and the status becomes 404 as the response starts.
/// </summary>
public static class NotFoundResponse
{
    public static void Set(HttpContext http, int status = StatusCodes.Status404NotFound) =>
        http.Response.OnStarting(() =>
        {
            http.Response.StatusCode = status;
            return Task.CompletedTask;
        });
}
