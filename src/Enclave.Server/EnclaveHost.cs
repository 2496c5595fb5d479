using Enclave.Server.Accounts;
using Enclave.Server.Accounts.TwoFactor;
using Enclave.Server.Audit;
using Enclave.Server.Data;
using Enclave.Server.Demo;
using Enclave.Server.Files;
using Enclave.Server.Health;
using Enclave.Server.Live;
using Enclave.Server.Mail;
using Enclave.Server.Moderation;
using Enclave.Server.Notifications;
using Enclave.Server.Organizations;
using Enclave.Server.Platform;
using Enclave.Server.Privacy.Export;
using Enclave.Server.Posts;
using Enclave.Server.Privacy.Closing;
using Enclave.Server.Search;
using Enclave.Server.Spheres;
using Enclave.Server.Tools;
using Enclave.Server.Ui;
using Enclave.Server.Verification;
using Enclave.Server.Web;

namespace Enclave.Server;

/// <summary>Wires the capabilities together: one DI entry and one route mapping per capability.</summary>
public static class EnclaveHost
{
    public static IServiceCollection AddEnclave(this IServiceCollection services, IConfiguration configuration) => services
        .AddWeb(configuration)
        .AddData(configuration)
        // Hosted services start in this order: the demo world loads right after the migrations, and
        // before Bootstrap:Admin creates an account (which would make the database no longer empty).
        .AddDemo(configuration)
        .AddFiles(configuration)
        .AddMail(configuration)
        .AddAudit(configuration)
        .AddAccounts(configuration)
        .AddTwoFactor(configuration)
        .AddOrganizations(configuration)
        .AddPosts()
        .AddLive(configuration)
        .AddNotifications()
        .AddSearch(configuration)
        .AddClosing(configuration)
        .AddDataPortability(configuration)
        .AddModeration()
        .AddTools(configuration)
        .AddUi();

    public static WebApplication UseEnclave(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages(UiNotFound.WriteAsync);
        app.UseSecurityHeaders();
        // Static assets before authentication: serving a stylesheet needs no session lookup.
        app.UseStaticFiles();
        app.UseDeclaredBodySizeLimit();
        app.UseServerBulkhead();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseUiRequest();
        app.UseRequestLocalization();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapHealth();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapApiReference();
        var api = app.MapGroup("/api/v1")
            .AddEndpointFilter<CsrfFilter>()
            .WithMetadata(new RequestSizeLimit(RequestSizeLimit.JsonDefault))
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(413).ProducesProblem(415).ProducesProblem(410).ProducesProblem(422).ProducesProblem(429).ProducesProblem(503);
        api.MapAccounts();
        api.MapTwoFactor();
        api.MapOrganizationFeatures();
        api.MapSphereFeatures();
        api.MapPostFeatures();
        api.MapLive();
        api.MapNotifications();
        api.MapSearch();
        api.MapModerationFeatures();
        api.MapPlatformAdmin();
        api.MapIdentityVerification();
        api.MapClosing();
        api.MapDataPortability();
        api.MapAudit();
        api.MapTools();
        app.MapUi();
        // No catch-all for /api: a fallback endpoint would win over the routing's own 405 and 415
        // answers. Unmatched requests fall through to UseStatusCodePages, which writes a problem.
        app.Lifetime.ApplicationStarted.Register(() => Startup.AnnounceUrls(app));
        return app;
    }
}
