using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Enclave.Tests.Support;

/// <summary>
/// A browser without a browser, for page tests: keeps cookies, asks for HTML, does not follow
/// redirects (tests assert them), and submits forms with the antiforgery token the page carries.
/// </summary>
public sealed class PageClient
{
    private static readonly HtmlParser Parser = new();
    private readonly HttpClient _http;

    public PageClient(EnclaveApp app, string? sessionToken = null, string? language = null)
    {
        _http = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        _http.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        if (language is not null) _http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        if (sessionToken is not null) _http.DefaultRequestHeaders.Add("Cookie", $"enclave_session={sessionToken}");
    }

    /// <summary>Signed in as the API client's user (its bearer token is a session secret).</summary>
    public static PageClient For(EnclaveApp app, Api user, string? language = null) => new(app, user.User!.Token, language);

    public sealed record PageResult(HttpStatusCode Status, IDocument Document, HttpResponseMessage Response)
    {
        public string? Location => Response.Headers.Location?.OriginalString;
        public string Text => Document.Body?.TextContent ?? "";
    }

    public async Task<PageResult> GetAsync(string path)
    {
        var response = await _http.GetAsync(path);
        return new PageResult(response.StatusCode, await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync()), response);
    }

    /// <summary>
    /// Fills the form chosen by <paramref name="formSelector"/> on <paramref name="page"/> (its hidden
    /// fields included, so the antiforgery token and handler name travel) and posts it.
    /// </summary>
    public async Task<PageResult> SubmitAsync(PageResult page, string formSelector, IDictionary<string, string> fields)
    {
        var form = page.Document.QuerySelector(formSelector) ?? throw new InvalidOperationException($"No form {formSelector} on the page.");
        var values = new List<KeyValuePair<string, string>>();
        foreach (var input in form.QuerySelectorAll("input[type=hidden][name]"))
            if (!fields.ContainsKey(input.GetAttribute("name")!)) values.Add(new(input.GetAttribute("name")!, input.GetAttribute("value") ?? ""));
        values.AddRange(fields);
        var action = form.GetAttribute("action");
        var target = string.IsNullOrEmpty(action) ? page.Response.RequestMessage!.RequestUri!.PathAndQuery : action;
        var response = await _http.PostAsync(target, new FormUrlEncodedContent(values));
        return new PageResult(response.StatusCode, await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync()), response);
    }

    public Task<PageResult> SubmitAsync(PageResult page, string formSelector, params (string Name, string Value)[] fields) =>
        SubmitAsync(page, formSelector, fields.ToDictionary(f => f.Name, f => f.Value));
}
