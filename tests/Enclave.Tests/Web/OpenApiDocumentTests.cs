using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Enclave.Tests.Support;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Enclave.Tests.Web;

/// <summary>The OpenAPI document is the API's contract: it must list every route and every way a call can fail.</summary>
public sealed partial class OpenApiDocumentTests
{
    private static readonly string[] HttpMethods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

    [Fact]
    public async Task The_document_lists_every_api_route_the_app_maps()
    {
        var app = EnclaveApp.Shared(Engine.Sqlite);
        var document = await DocumentAsync(app);
        var documented = Operations(document).Select(o => $"{o.Method} {o.Path}").ToHashSet(StringComparer.Ordinal);

        var mapped = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Path: PathOf(e.RoutePattern), Methods: e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["ANY"]))
            .Where(e => e.Path.StartsWith("/api/v1/", StringComparison.Ordinal) || e.Path == "/api/v1")
            .SelectMany(e => e.Methods.Select(m => $"{m.ToUpperInvariant()} {e.Path}"))
            .ToHashSet(StringComparer.Ordinal);

        Assert.True(mapped.Count > 40, $"expected the API's routes, found {mapped.Count}");
        var missing = mapped.Except(documented).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, "mapped but not in /openapi/v1.json:\n" + string.Join("\n", missing));
        var extra = documented.Where(o => o.Contains(" /api/v1", StringComparison.Ordinal)).Except(mapped).Order(StringComparer.Ordinal).ToList();
        Assert.True(extra.Count == 0, "documented but not mapped:\n" + string.Join("\n", extra));
    }

    [Fact]
    public async Task Every_api_operation_declares_its_problem_responses()
    {
        var document = await DocumentAsync(EnclaveApp.Shared(Engine.Sqlite));
        var faults = new List<string>();
        foreach (var (method, path, operation) in Operations(document).Where(o => o.Path.StartsWith("/api/v1", StringComparison.Ordinal)))
        {
            var responses = operation["responses"]?.AsObject() ?? [];
            // Every API call can be malformed, unauthenticated, not found (or not visible), rate limited, or refused by a busy server.
            foreach (var status in new[] { "400", "401", "404", "429", "503" })
            {
                var content = responses[status]?["content"]?.AsObject();
                if (content is null || !content.ContainsKey("application/problem+json"))
                    faults.Add($"{method} {path}: {status} is not declared as application/problem+json");
            }
        }
        Assert.True(faults.Count == 0, string.Join("\n", faults));
        Assert.True(document["components"]?["schemas"]?["ProblemDetails"] is not null, "no ProblemDetails schema");
    }

    [Fact]
    public async Task The_document_describes_the_enclave_api()
    {
        var document = await DocumentAsync(EnclaveApp.Shared(Engine.Sqlite));
        Assert.StartsWith("3.", document["openapi"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Enclave API", document["info"]!["title"]!.GetValue<string>());
        Assert.Equal("v1", document["info"]!["version"]!.GetValue<string>());
    }

    private static async Task<JsonNode> DocumentAsync(EnclaveApp app)
    {
        using var response = await app.Anonymous().GetAsync("/openapi/v1.json");
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static IEnumerable<(string Method, string Path, JsonNode Operation)> Operations(JsonNode document) =>
        from path in document["paths"]!.AsObject()
        from item in path.Value!.AsObject()
        where HttpMethods.Contains(item.Key)
        select (item.Key.ToUpperInvariant(), Normalize(path.Key), item.Value!);

    /// <summary>A route pattern as OpenAPI writes it: parameters without constraints, no trailing slash.</summary>
    private static string PathOf(RoutePattern pattern) =>
        Normalize("/" + string.Join("/", pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
            _ => "?",
        })))));

    private static string Normalize(string path)
    {
        path = ParameterPattern().Replace(path, "{$1}");
        return path.Length > 1 ? path.TrimEnd('/') : path;
    }

    [GeneratedRegex(@"\{\**([A-Za-z0-9_]+)[^}]*\}")]
    private static partial Regex ParameterPattern();
}
