namespace Enclave.Server.Web;

public static class ApiReference
{
    /// <summary>
    /// The landing page and the readable API reference, served from wwwroot. The reference page
    /// renders <c>/openapi/v1.json</c> with a small script of ours: no CDN, no third party.
    /// </summary>
    public static void MapApiReference(this WebApplication app)
    {
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.MapGet("/api/reference", () => Results.Redirect("/api-reference.html")).ExcludeFromDescription();
    }
}
