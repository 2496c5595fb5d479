using Enclave.E2E.Support;

namespace Enclave.E2E;

/// <summary>
/// The pages load cleanly in a real browser on both screens: no console error, no failed
/// request, nothing fetched from another host, a strict CSP. Independent of the UI's wording.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class SmokeTests(EnclaveServer server, Browser browser)
{
    [Theory]
    [InlineData(Screen.Desktop, "en-US")]
    [InlineData(Screen.Phone, "en-US")]
    [InlineData(Screen.Phone, "fr-FR")]
    public async Task The_home_page_loads_cleanly(Screen screen, string locale)
    {
        await using var session = await browser.NewSessionAsync(server, locale, screen);
        var page = await session.NewPageAsync();

        var response = await page.GotoAsync("/");

        Assert.NotNull(response);
        Assert.Equal(200, response.Status);
        Assert.False(string.IsNullOrWhiteSpace(await page.Locator("html").GetAttributeAsync("lang")), "<html> has no lang attribute");
        AssertStrictScriptPolicy(await response.HeaderValueAsync("content-security-policy"));
        await session.AssertCleanAsync(page);
        await Browser.ScreenshotAsync(page, $"smoke-home-{screen}-{locale}".ToLowerInvariant());
    }

    [Theory]
    [InlineData(Screen.Desktop)]
    [InlineData(Screen.Phone)]
    public async Task The_api_reference_loads_cleanly(Screen screen)
    {
        await using var session = await browser.NewSessionAsync(server, screen: screen);
        var page = await session.NewPageAsync();

        var response = await page.GotoAsync("/api/reference");

        Assert.NotNull(response);
        Assert.Equal(200, response.Status);
        AssertStrictScriptPolicy(await response.HeaderValueAsync("content-security-policy"));
        await session.AssertCleanAsync(page);
        await Browser.ScreenshotAsync(page, $"smoke-api-reference-{screen}".ToLowerInvariant());
    }

    /// <summary>script-src (or default-src when absent) must exist and must not allow inline scripts.</summary>
    private static void AssertStrictScriptPolicy(string? policy)
    {
        Assert.False(string.IsNullOrWhiteSpace(policy), "no Content-Security-Policy header");
        var directives = policy.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.Split(' ', 2, StringSplitOptions.TrimEntries))
            .ToDictionary(d => d[0].ToLowerInvariant(), d => d.Length > 1 ? d[1] : "");
        var scripts = directives.GetValueOrDefault("script-src") ?? directives.GetValueOrDefault("default-src");
        Assert.True(scripts is not null, $"the CSP restricts no scripts: {policy}");
        Assert.DoesNotContain("'unsafe-inline'", scripts, StringComparison.OrdinalIgnoreCase);
    }
}
