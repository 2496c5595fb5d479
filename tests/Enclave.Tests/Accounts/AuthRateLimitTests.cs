using System.Net;
using Enclave.Tests.Support;

namespace Enclave.Tests.Accounts;

public sealed class AuthRateLimitTests
{
    private static EnclaveApp LowLimits(Engine engine) => new(engine, new Dictionary<string, string?>
    {
        ["RateLimits:SignupPerHour"] = "2",
        ["RateLimits:LoginPerMinute"] = "2",
        ["RateLimits:TokensPerMinute"] = "2",
    });

    private static async Task AssertRateLimitedAsync(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("rate_limited", problem["code"]!.GetValue<string>());
        var retry = response.Headers.TryGetValues("Retry-After", out var values) ? values.Single() : null;
        Assert.True(int.TryParse(retry, out var seconds) && seconds > 0, $"Retry-After: {retry}");
    }

    [Theory, Engines]
    public async Task Sign_up_login_and_token_creation_are_rate_limited(Engine engine)
    {
        using var app = LowLimits(engine);
        var alice = await app.SignUpAsync();
        await app.SignUpAsync();
        var name = World.UniqueName();
        await AssertRateLimitedAsync(app.Anonymous().PostAsync("/api/v1/auth/signup", AccountClients.SignupBody(name)));
        // The refused sign-up wrote nothing: the name is unknown to login.
        await Api.ProblemAsync(app.Anonymous().PostAsync("/api/v1/auth/login", new { login = name, password = World.Password }), HttpStatusCode.Unauthorized, "invalid_credentials");

        await app.LoginAsync(alice.User!.UserName);
        await AssertRateLimitedAsync(app.Anonymous().PostAsync("/api/v1/auth/login", new { login = alice.User.UserName, password = World.Password }));

        await alice.PostOkAsync("/api/v1/me/tokens", new { name = "one" });
        await alice.PostOkAsync("/api/v1/me/tokens", new { name = "two" });
        await AssertRateLimitedAsync(alice.PostAsync("/api/v1/me/tokens", new { name = "three" }));
        var tokens = await alice.GetOkAsync("/api/v1/me/tokens");
        Assert.Equal(2, tokens["items"]!.AsArray().Count);
        // Other endpoints are not limited.
        for (var i = 0; i < 5; i++) await alice.GetOkAsync("/api/v1/me");
    }
}
