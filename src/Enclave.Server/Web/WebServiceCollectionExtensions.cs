using System.Text.Json;
using System.Text.Json.Serialization;
using Enclave.Server.Access;

namespace Enclave.Server.Web;

public static class WebServiceCollectionExtensions
{
    /// <summary>Cross-cutting HTTP concerns: JSON conventions, problem details, antiforgery, rate limits, OpenAPI.</summary>
    public static IServiceCollection AddWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
            json.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip;
            json.SerializerOptions.Converters.Add(new NoNulStrings());
        });
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier;
            // Framework-made problems (no route, wrong method, wrong content type) get a stable code too.
            if (!context.ProblemDetails.Extensions.ContainsKey("code"))
                context.ProblemDetails.Extensions["code"] = ProblemHandling.CodeFor(context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode);
            context.ProblemDetails.Type = $"urn:enclave:problem:{context.ProblemDetails.Extensions["code"]}";
            if (context.ProblemDetails.Status == 401) context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
        });
        services.AddExceptionHandler<ProblemHandling>();
        services.AddAntiforgery(o =>
        {
            o.HeaderName = CsrfFilter.HeaderName;
            o.Cookie.Name = "enclave_csrf";
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.AddEnclaveRateLimits(configuration);
        services.AddEnclaveDataProtection(configuration);
        services.AddOpenApi("v1", o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Enclave API";
            document.Info.Version = "v1";
            document.Info.Description = "The REST API of Enclave. Errors are RFC 9457 problem details with a stable `code`; lists use cursor pagination (`cursor`, `limit`, `nextCursor`). Authenticate with `Authorization: Bearer <personal access token>`.";
            return Task.CompletedTask;
        }));
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<EnclaveOptions>()
            .Bind(configuration.GetSection("Enclave"))
            .Validate(o => EnclaveOptions.IsValidPublicUrl(o.PublicUrl), "Enclave:PublicUrl must be an absolute http or https address without query or fragment, e.g. https://enclave.example.org.")
            .ValidateOnStart();
        services.AddSingleton<PublicUrl>();
        services.AddSingleton<ReadableSphereCache>();
        services.AddScoped<AccessGate>();
        return services;
    }
}
