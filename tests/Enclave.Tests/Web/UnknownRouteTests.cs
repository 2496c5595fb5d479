using System.Net;
using Enclave.Tests.Support;

namespace Enclave.Tests.Web;

/// <summary>An API client that calls a route that does not exist gets a problem, not an HTML page or an empty 404.</summary>
public sealed class UnknownRouteTests
{
    [Theory]
    [InlineData("GET", "/api/v1/whatever")]
    [InlineData("POST", "/api/v1/whatever")]
    [InlineData("DELETE", "/api/v1/whatever/else")]
    [InlineData("GET", "/api/v1/organizations/not-a-guid")]
    [InlineData("GET", "/api/v2/organizations")]
    public async Task Unknown_api_routes_answer_404_problem_json(string method, string path)
    {
        var api = EnclaveApp.Shared(Engine.Sqlite).Anonymous();
        var problem = await Api.ProblemAsync(api.SendRawAsync(new HttpMethod(method), path, "{}"), HttpStatusCode.NotFound, "not_found");
        Assert.Equal(path, problem["instance"]?.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(problem["title"]?.GetValue<string>()));
    }

    [Fact]
    public async Task Unknown_api_routes_answer_404_to_signed_in_callers_too()
    {
        var alice = await EnclaveApp.Shared(Engine.Sqlite).SignUpAsync();
        await Api.ProblemAsync(alice.GetAsync("/api/v1/whatever"), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task A_known_route_with_the_wrong_method_or_content_type_says_so()
    {
        var alice = await EnclaveApp.Shared(Engine.Sqlite).SignUpAsync();
        await Api.ProblemAsync(alice.Http.PutAsync("/api/v1/feed", null), HttpStatusCode.MethodNotAllowed, "method_not_allowed");
        await Api.ProblemAsync(alice.SendRawAsync(HttpMethod.Post, "/api/v1/organizations", "name=Acme", "text/plain"), HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
    }
}
