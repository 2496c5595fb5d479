using System.Net;
using Enclave.Tests.Support;

namespace Enclave.Tests.Web;

public sealed class SecurityHeadersTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/api-reference.html")]
    [InlineData("/js/api-reference.js")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/health/live")]
    public async Task Pages_assets_and_documents_carry_the_security_headers(string path)
    {
        using var response = await EnclaveApp.Shared(Engine.Sqlite).Anonymous().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task Api_responses_carry_the_security_headers()
    {
        var alice = await EnclaveApp.Shared(Engine.Sqlite).SignUpAsync();
        using var response = await alice.GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task Problem_responses_carry_the_security_headers()
    {
        var api = EnclaveApp.Shared(Engine.Sqlite).Anonymous();
        using var notFound = await api.GetAsync("/api/v1/no-such-endpoint");
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        AssertSecurityHeaders(notFound);
        using var malformed = await api.SendRawAsync(HttpMethod.Post, "/api/v1/auth/signup", "{not json");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        AssertSecurityHeaders(malformed);
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        var path = response.RequestMessage?.RequestUri?.AbsolutePath;
        string Header(string name) => response.Headers.TryGetValues(name, out var values) ? string.Join(",", values)
            : throw new Xunit.Sdk.XunitException($"{path}: no {name} header");

        var csp = Header("Content-Security-Policy");
        foreach (var directive in new[] { "default-src 'self'", "script-src 'self'", "style-src 'self'", "object-src 'none'", "frame-ancestors 'none'", "base-uri 'self'" })
            Assert.True(csp.Contains(directive, StringComparison.Ordinal), $"{path}: CSP lacks {directive}: {csp}");
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Header("X-Content-Type-Options"));
        Assert.Equal("DENY", Header("X-Frame-Options"));
        Assert.Equal("same-origin", Header("Referrer-Policy"));
        Assert.Contains("camera=()", Header("Permissions-Policy"), StringComparison.Ordinal);
    }
}
