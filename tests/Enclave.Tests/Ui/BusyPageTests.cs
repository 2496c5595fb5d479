using System.Net;
using Enclave.Tests.Support;

namespace Enclave.Tests.Ui;

/// <summary>
/// A page request refused for load (a rate limit's 429 here; the server bulkhead's 503 in
/// ServerBulkheadTests) gets a page in the person's language rather than the API's problem JSON,
/// with the same status and Retry-After; a refused form is not sent again by itself.
/// </summary>
public sealed class BusyPageTests
{
    [Fact]
    public async Task A_refused_form_gets_a_page_that_says_so_in_the_persons_language()
    {
        using var app = new EnclaveApp(Engine.Sqlite, new Dictionary<string, string?> { ["RateLimits:LoginPerMinute"] = "1" });
        var browser = new PageClient(app, language: "fr-FR,fr;q=0.9");
        var fields = new Dictionary<string, string> { ["Form.Login"] = "nobody", ["Form.Password"] = "wrong-password" };
        var first = await browser.OpenAndSubmitAsync("/signin", "form[action^='/signin']", fields);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, first.Status);

        var refused = await browser.OpenAndSubmitAsync("/signin", "form[action^='/signin']", fields);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Equal("text/html", refused.Response.Content.Headers.ContentType?.MediaType);
        Assert.True(int.Parse(refused.Response.Headers.GetValues("Retry-After").Single()) > 0);
        var page = refused.Document.QuerySelector("#busy-page");
        Assert.NotNull(page);
        Assert.Equal("429", page.GetAttribute("data-status"));
        Assert.Equal("fr", refused.Document.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Trop de demandes", refused.Document.Title);
        Assert.Contains("Rien n’a été modifié", refused.Text);
        // A form is never sent again behind the person's back: no automatic reload.
        Assert.Null(refused.Document.QuerySelector("meta[http-equiv=refresh]"));

        // Reading the form is no attempt, and programs still get the problem JSON.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/signin")).Status);
        var api = await app.CreateClient().PostAsync("/api/v1/auth/login", new StringContent("{\"login\":\"nobody\",\"password\":\"wrong-password\"}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.TooManyRequests, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }
}
