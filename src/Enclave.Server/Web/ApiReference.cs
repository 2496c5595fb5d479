namespace Enclave.Server.Web;

public static class ApiReference
{
    /// <summary>
    /// The readable API reference (wwwroot/api-reference.html, served with the landing page as static files). The reference page
    /// renders <c>/openapi/v1.json</c> with a small script of ours: no CDN, no third party.
    /// </summary>
    public static void MapApiReference(this WebApplication app)
    {
        app.MapGet("/api/reference", () => Results.Redirect("/api-reference.html")).ExcludeFromDescription();
    }
}
