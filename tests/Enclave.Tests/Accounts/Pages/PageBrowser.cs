using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Enclave.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Enclave.Tests.Accounts.Pages;

/// <summary>
/// A browser without script for the page tests: it holds the session and antiforgery cookies, GETs
/// pages as HTML and submits their forms with every field the form holds (hidden tokens included).
/// </summary>
public sealed class PageBrowser
{
    private readonly Dictionary<string, string> _cookies = new();
    private readonly HttpClient _http;

    public PageBrowser(EnclaveApp app, Api? user)
    {
        _http = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        if (user?.User is { } u) _cookies["enclave_session"] = u.Token;
    }

    public sealed record Response(HttpStatusCode Status, string Html, IDocument Document, string? Location, string Path);

    public async Task<Response> GetAsync(string path) => await SendAsync(new HttpRequestMessage(HttpMethod.Get, path), path);

    /// <summary>Submits the form found by <paramref name="selector"/> with its fields, changed by <paramref name="values"/>.</summary>
    public async Task<Response> SubmitAsync(Response page, string selector, IDictionary<string, string>? values = null)
    {
        var form = page.Document.QuerySelector(selector) ?? throw new InvalidOperationException($"No form {selector} in {page.Path}");
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.QuerySelectorAll("input[name], select[name], textarea[name]"))
        {
            var name = element.GetAttribute("name")!;
            if (values?.ContainsKey(name) == true) continue;
            var value = element.LocalName switch
            {
                "select" => element.QuerySelector("option[selected]")?.GetAttribute("value") ?? element.QuerySelector("option")?.GetAttribute("value") ?? "",
                "textarea" => element.TextContent,
                _ => element.GetAttribute("value") ?? "",
            };
            if (element.GetAttribute("type") is "file") continue;
            fields.Add(new(name, value));
        }
        foreach (var (k, v) in values ?? new Dictionary<string, string>()) fields.Add(new(k, v));
        var action = form.GetAttribute("action");
        var path = string.IsNullOrEmpty(action) ? page.Path : action;
        return await SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) }, path);
    }

    private async Task<Response> SendAsync(HttpRequestMessage request, string path)
    {
        request.Headers.Accept.ParseAdd("text/html");
        if (_cookies.Count > 0) request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        using var response = await _http.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            foreach (var header in setCookies)
            {
                var pair = header.Split(';')[0];
                var eq = pair.IndexOf('=');
                var (name, value) = (pair[..eq], pair[(eq + 1)..]);
                if (value.Length == 0 || header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase)) _cookies.Remove(name);
                else _cookies[name] = value;
            }
        var html = await response.Content.ReadAsStringAsync();
        var document = await new HtmlParser().ParseDocumentAsync(html);
        return new Response(response.StatusCode, html, document, response.Headers.Location?.ToString(), path);
    }
}
