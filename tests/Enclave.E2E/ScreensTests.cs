using Enclave.E2E.Support;
using Microsoft.Playwright;

namespace Enclave.E2E;

/// <summary>
/// The main pages on a wide screen and a phone, filled with real content: each loads without a
/// console error, a failed request or a foreign host, and never scrolls sideways on the phone.
/// Screenshots: artifacts/screenshots/&lt;page&gt;-&lt;desktop|phone&gt;.png.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class ScreensTests(EnclaveServer server, Browser browser)
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static World? _world;

    [Theory]
    [InlineData(Screen.Desktop)]
    [InlineData(Screen.Phone)]
    public async Task Pages_for_visitors_fit_the_screen(Screen screen)
    {
        await using var session = await browser.NewSessionAsync(server, screen: screen);
        await CheckAsync(session, screen, "landing", "/");
        await CheckAsync(session, screen, "signin", "/signin");
        await CheckAsync(session, screen, "signup", "/signup");
    }

    [Theory]
    [InlineData(Screen.Desktop)]
    [InlineData(Screen.Phone)]
    public async Task Pages_of_a_member_fit_the_screen(Screen screen)
    {
        var world = await WorldAsync();
        await using var session = await browser.NewSessionAsync(server, screen: screen);
        await session.SignInAsync(world.Alice);
        await CheckAsync(session, screen, "home", "/", "[data-home-feed] .post");
        await CheckAsync(session, screen, "organization", $"/o/{world.OrganizationId}", "#portal-spheres [data-sphere]");
        await CheckAsync(session, screen, "sphere", $"/s/{world.SphereId}", "#sphere-feed .post");
        await CheckAsync(session, screen, "post", $"/p/{world.PostId}", ".comment");
        await CheckAsync(session, screen, "search", $"/search?q={world.Word}", "#search-results mark");
        await CheckAsync(session, screen, "settings", "/settings", "#settings-title");
        await CheckAsync(session, screen, "notifications", "/notifications", "#notification-list li");
    }

    /// <summary>Opens <paramref name="path"/> in a fresh tab (so that one page's aborted event stream is not another's failed request).</summary>
    private static async Task CheckAsync(BrowserSession session, Screen screen, string name, string path, string? content = null)
    {
        var page = await session.NewPageAsync();
        var response = await page.GotoAsync(path);
        Assert.True(response?.Status == 200, $"{name}: GET {path} answered {response?.Status}");
        if (content is not null) await page.Locator(content).First.WaitForAsync(new() { Timeout = 15_000 });
        await session.AssertCleanAsync(page);
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        var (scrollWidth, innerWidth) = (widths[0], widths[1]);
        Assert.True(scrollWidth <= innerWidth + 1, $"{name} ({screen}) scrolls sideways: {scrollWidth}px of content in {innerWidth}px; widest: {await WidestAsync(page)}");
        await Browser.ScreenshotAsync(page, $"{name}-{screen.ToString().ToLowerInvariant()}");
        await page.CloseAsync();
    }

    /// <summary>What sticks out on the right, to make an overflow failure actionable.</summary>
    private static Task<string> WidestAsync(IPage page) => page.EvaluateAsync<string>(@"() => {
        const w = window.innerWidth;
        return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > w + 1)
            .slice(-5).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ').join('.') : '') + ' ' + Math.round(e.getBoundingClientRect().right)).join(', ');
    }");

    private sealed record World(TestUser Alice, Guid OrganizationId, Guid SphereId, Guid PostId, string Word);

    /// <summary>One small world for every screen, built through the API: Alice's organization and sphere, her posts, Bruno's comment mentioning her.</summary>
    private async Task<World> WorldAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return _world ??= await BuildAsync();
        }
        finally
        {
            Gate.Release();
        }
    }

    private async Task<World> BuildAsync()
    {
        const string word = "lighthouse";
        await using var alice = await browser.NewSessionAsync(server);
        await using var bruno = await browser.NewSessionAsync(server);
        var a = await alice.SignUpAsync(Accounts.UniqueName("alice"), "Alice", "Martin");
        var b = await bruno.SignUpAsync(Accounts.UniqueName("bruno"), "Bruno", "Keller");
        var organization = (await alice.PostJsonAsync("/api/v1/organizations", new { name = "Acme Cooperative", description = "Makers of fine things since 1990." })).GetProperty("id").GetGuid();
        var sphere = (await alice.PostJsonAsync("/api/v1/spheres", new { organizationId = organization, name = "Sales team", description = "Leads, deals and the weekly numbers." })).GetProperty("id").GetGuid();
        await alice.PostJsonAsync("/api/v1/spheres", new { organizationId = organization, name = "Workshop", description = "Tools and schedules." });
        var toOrganization = await alice.PostJsonAsync($"/api/v1/organizations/{organization}/invitations", new { userName = b.UserName });
        await bruno.PostJsonAsync("/api/v1/invitations/accept", new { token = toOrganization.GetProperty("token").GetString() });
        var toSphere = await alice.PostJsonAsync($"/api/v1/spheres/{sphere}/invitations", new { userName = b.UserName });
        await bruno.PostJsonAsync("/api/v1/invitations/accept", new { token = toSphere.GetProperty("token").GetString() });
        await alice.PostJsonAsync($"/api/v1/spheres/{sphere}/posts", new { body = "Welcome to the **sales team** sphere. Read the #onboarding notes first." });
        var post = (await alice.PostJsonAsync($"/api/v1/spheres/{sphere}/posts",
            new { body = $"The {word} deal is signed: a very long sentence that goes on and on to check that text wraps nicely on narrow screens without pushing anything sideways, https://example.org/a/very/long/address/that/must/wrap/too #deals", style = "important" })).GetProperty("id").GetGuid();
        await bruno.PostJsonAsync($"/api/v1/posts/{post}/reactions/like");
        await bruno.PostJsonAsync($"/api/v1/posts/{post}/comments", new { body = $"Congratulations @{a.UserName}, great work on the {word} deal!" });
        return new World(a, organization, sphere, post, word);
    }
}
