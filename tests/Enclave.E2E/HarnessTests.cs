using Enclave.E2E.Support;
using Xunit.Sdk;

namespace Enclave.E2E;

/// <summary>
/// The harness's own checks catch what they claim to: a passing browser test means little if a
/// console error or a CDN request would have gone unnoticed. The pages here are served by
/// Playwright routes on the server's origin, so no real network is touched.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class HarnessTests(EnclaveServer server, Browser browser)
{
    [Fact]
    public async Task Console_errors_and_failed_requests_are_caught()
    {
        await using var session = await browser.NewSessionAsync(server);
        await ServeAsync(session, "/harness/broken", """<script src="/harness/missing.js"></script><script>console.error("boom")</script>""");
        var page = await session.NewPageAsync();

        await page.GotoAsync("/harness/broken");
        await page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.NetworkIdle);

        var console = Assert.ThrowsAny<XunitException>(() => session.AssertNoConsoleErrors(page));
        Assert.Contains("boom", console.Message, StringComparison.Ordinal);
        var failed = Assert.ThrowsAny<XunitException>(() => session.AssertNoFailedRequests(page));
        Assert.Contains("/harness/missing.js: 404", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_to_another_host_are_caught()
    {
        await using var session = await browser.NewSessionAsync(server);
        await session.Context.RouteAsync("https://cdn.example.test/**", route => route.FulfillAsync(new() { Status = 200, ContentType = "text/javascript", Body = "" }));
        await ServeAsync(session, "/harness/cdn", """<script src="https://cdn.example.test/lib.js"></script>""");
        var page = await session.NewPageAsync();

        await page.GotoAsync("/harness/cdn");
        await page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.NetworkIdle);

        var foreign = Assert.ThrowsAny<XunitException>(session.AssertOnlyServerRequested);
        Assert.Contains("https://cdn.example.test/lib.js", foreign.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_session_signed_up_through_the_api_is_signed_in_in_its_pages()
    {
        await using var session = await browser.NewSessionAsync(server);
        var user = await session.SignUpAsync();
        var page = await session.NewPageAsync();

        var response = await page.GotoAsync("/api/v1/me");

        Assert.Equal(200, response!.Status);
        Assert.Contains(user.UserName, await response.TextAsync(), StringComparison.Ordinal);
        await using var other = await browser.NewSessionAsync(server);
        var anonymous = await (await other.NewPageAsync()).GotoAsync("/api/v1/me");
        Assert.Equal(401, anonymous!.Status);
    }

    private Task ServeAsync(BrowserSession session, string path, string body) =>
        session.Context.RouteAsync(server.Url(path), route => route.FulfillAsync(new()
        {
            Status = 200,
            ContentType = "text/html",
            Body = $"<!doctype html><html lang=\"en\"><head><title>harness</title></head><body>{body}</body></html>",
        }));
}
