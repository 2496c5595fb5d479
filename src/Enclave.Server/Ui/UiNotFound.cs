using Enclave.Server.Web;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Enclave.Server.Ui;

/// <summary>
/// Bodiless error statuses: the API and programs get problem details; a browser asking for a page
/// gets the web application's not-found page (same status), so a mistyped or forbidden URL never
/// shows raw JSON to a person.
/// </summary>
public static class UiNotFound
{
    public static async Task WriteAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        if (PageRequests.WantsPage(http) && HttpMethods.IsGet(http.Request.Method) && http.Response.StatusCode == 404)
        {
            // The web application's own not-found page, with its layout and in the viewer's language.
            var services = http.RequestServices;
            await services.GetRequiredService<UiRequest>().LoadAsync(http, services.GetRequiredService<Data.EnclaveDb>(), services.GetRequiredService<Microsoft.AspNetCore.Antiforgery.IAntiforgery>(), withLayout: true);
            await new RazorComponentResult<App>(new { NotFound = true }) { StatusCode = 404 }.ExecuteAsync(http);
            return;
        }
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        var status = http.Response.StatusCode;
        await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = ProblemHandling.Create(status, ProblemHandling.CodeFor(status), ReasonPhrase(status)),
        });
    }

    private static string ReasonPhrase(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);
}
