using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Enclave.Server.Ui;

/// <summary>
/// The web application: server-rendered Razor components (static SSR, no interactive render mode,
/// no per-user circuit), progressively enhanced by /js/enclave.js. Pages live in their capability's
/// folder (<c>Posts/Pages</c>, <c>Spheres/Pages</c>...) and call the same handlers and services as
/// the REST API, so the UI has no power the API lacks and every read passes the access gate.
/// </summary>
public static class UiServiceCollectionExtensions
{
    public static readonly CultureInfo[] Cultures = [new("en"), new("fr")];

    public static IServiceCollection AddUi(this IServiceCollection services)
    {
        services.AddRazorComponents();
        services.AddLocalization();
        services.AddScoped<UiRequest>();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("en");
            o.SupportedCultures = Cultures;
            o.SupportedUICultures = Cultures;
            // The account's language first, then the switch's cookie, then the browser's Accept-Language.
            o.RequestCultureProviders =
            [
                new AccountLanguageProvider(),
                new CookieRequestCultureProvider { CookieName = UiRequest.LanguageCookie },
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
        return services;
    }

    public static WebApplication MapUi(this WebApplication app)
    {
        app.MapRazorComponents<App>();
        app.MapUiActions();
        return app;
    }
}
