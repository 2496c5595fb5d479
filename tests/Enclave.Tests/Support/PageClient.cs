using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace Enclave.Tests.Support;

/// <summary>
/// A browser without a browser, for page tests: keeps cookies, asks for HTML, does not follow
/// redirects (tests assert them), and submits forms with the antiforgery token the page carries
/// (the form methods are in PageClient.Forms.cs).
/// </summary>
public sealed partial class PageClient
{
    private static readonly HtmlParser Parser = new();
    private static readonly Uri Base = new("http://localhost/");
    private readonly CookieContainer _cookies = new();
    private readonly HttpClient _http;

    /// <summary>
    /// The session token, when given, is sent on every request whatever the server later sets or
    /// deletes; other cookies (antiforgery, flash, language…) live in a cookie jar as in a browser.
    /// </summary>
    public PageClient(EnclaveApp app, string? sessionToken = null, string? language = null)
    {
        _http = app.CreateDefaultClient(Base, new CookieContainerHandler(_cookies));
        _http.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        if (language is not null) _http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        if (sessionToken is not null) _http.DefaultRequestHeaders.Add("Cookie", $"enclave_session={sessionToken}");
    }

    /// <summary>Signed in as the API client's user (its bearer token is a session secret); signed out for null.</summary>
    public static PageClient For(EnclaveApp app, Api? user, string? language = null) => new(app, user?.User?.Token, language);

    public sealed record PageResult(HttpStatusCode Status, IDocument Document, HttpResponseMessage Response)
    {
        public string? Location => Response.Headers.Location?.OriginalString;
        public string Text => Document.Body?.TextContent ?? "";

        /// <summary>The response body as received, before parsing.</summary>
        public string Html { get; init; } = "";

        /// <summary>The path (and query) this response answers.</summary>
        public string Path => Response.RequestMessage!.RequestUri!.PathAndQuery;
    }

    /// <summary>Sets a cookie as if the server (or the page's script) had set it, e.g. the time zone.</summary>
    public void SetCookie(string name, string value) => _cookies.Add(Base, new Cookie(name, value, "/"));

    public async Task<PageResult> GetAsync(string path) => await ReadAsync(await _http.GetAsync(path));

    private async Task<PageResult> PostAsync(string path, HttpContent content)
    {
        using (content) return await ReadAsync(await _http.PostAsync(path, content));
    }

    private static async Task<PageResult> ReadAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        return new PageResult(response.StatusCode, await Parser.ParseDocumentAsync(html), response) { Html = html };
    }
}
