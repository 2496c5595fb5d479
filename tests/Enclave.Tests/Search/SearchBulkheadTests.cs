using Enclave.Server.Web;
using Enclave.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Enclave.Tests.Search;

/// <summary>
/// Search runs behind a concurrency bound per server (<see cref="RateLimits.Search"/>), so that a
/// burst of searches waits its turn instead of starving the feeds (docs/PERFORMANCE.md). Both ways
/// in, the API and the page, carry it, and a search under the bound is answered as usual.
/// </summary>
public sealed class SearchBulkheadTests
{
    [Fact]
    public async Task The_api_and_the_page_run_behind_the_search_bound()
    {
        using var app = new EnclaveApp(Engine.Sqlite, new Dictionary<string, string?>
        {
            ["RateLimits:SearchConcurrent"] = "1",
            ["RateLimits:SearchQueue"] = "4",
        });
        var alice = await app.SignUpAsync();
        var found = await alice.SearchAsync(SearchSupport.Word());
        Assert.Equal(0, found.Total());

        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        foreach (var route in new[] { "/api/v1/search", "/search" })
        {
            var endpoint = endpoints.Where(e => "/" + e.RoutePattern.RawText?.Trim('/') == route).ToList();
            Assert.NotEmpty(endpoint);
            Assert.All(endpoint, e => Assert.Equal(RateLimits.Search, e.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName));
        }
        // Other reads are not bound.
        var home = endpoints.Single(e => e.RoutePattern.RawText?.Trim('/') == "api/v1/feed" && e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("GET") == true);
        Assert.Null(home.Metadata.GetMetadata<EnableRateLimitingAttribute>());
    }
}
