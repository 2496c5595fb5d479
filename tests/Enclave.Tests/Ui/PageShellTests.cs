using System.Net;
using Enclave.Tests.Support;

namespace Enclave.Tests.Ui;

public sealed class PageShellTests
{
    private static EnclaveApp App => EnclaveApp.Shared(Engine.Sqlite);

    [Fact]
    public async Task An_unknown_page_is_an_html_not_found_for_browsers_and_a_problem_for_programs()
    {
        var page = await new PageClient(App).GetAsync("/no/such/page");
        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Equal("text/html", page.Response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(page.Document.QuerySelector(".not-found h1"));
        using var api = await App.Anonymous().GetAsync("/no/such/page");
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        var apiHtml = await new PageClient(App).GetAsync("/api/v1/nothing-here");
        Assert.Equal(HttpStatusCode.NotFound, apiHtml.Status);
        Assert.NotEqual("text/html", apiHtml.Response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_language_follows_the_browser_then_the_switch_then_the_account()
    {
        var french = await new PageClient(App, language: "fr-FR,fr;q=0.9").GetAsync("/signin");
        Assert.Equal("fr", french.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Se connecter", french.Document.QuerySelector("h1")?.TextContent);

        var user = await App.SignUpAsync();
        var browser = PageClient.For(App, user, "fr-FR");
        var home = await browser.GetAsync("/");
        Assert.Equal("en", home.Document.DocumentElement.GetAttribute("lang")); // the account says English
        var switched = await browser.SubmitAsync(home, "form.language-switch", ("language", "fr"), ("returnUrl", "/"));
        Assert.Equal(HttpStatusCode.SeeOther, switched.Status);
        var after = await browser.GetAsync("/");
        Assert.Equal("fr", after.Document.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Quoi de neuf dans mes sphères", after.Text);
        var me = await user.GetOkAsync("/api/v1/me");
        Assert.Equal("fr", me["language"]!.GetValue<string>());
    }

    [Fact]
    public async Task Pages_carry_a_strict_content_security_policy_and_no_external_asset()
    {
        var page = await new PageClient(App).GetAsync("/");
        var csp = page.Response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Empty(page.Document.QuerySelectorAll("script:not([src])"));
        Assert.Empty(page.Document.QuerySelectorAll("[style]"));
        foreach (var asset in page.Document.QuerySelectorAll("script[src], link[href], img[src]"))
        {
            var url = asset.GetAttribute("src") ?? asset.GetAttribute("href")!;
            Assert.StartsWith("/", url);
            Assert.False(url.StartsWith("//", StringComparison.Ordinal), url);
        }
    }

    [Fact]
    public async Task A_fresh_instance_tells_its_first_visitor_how_to_create_the_administrator()
    {
        using var app = new EnclaveApp(Engine.Sqlite);
        var page = await new PageClient(app).GetAsync("/");
        Assert.Contains("admin create", page.Text);
        await app.SignUpAsync();
        var later = await new PageClient(app).GetAsync("/");
        Assert.DoesNotContain("admin create", later.Text);
    }
}
