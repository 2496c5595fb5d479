using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Enclave.Tests.Support;

namespace Enclave.Tests.Organizations.Pages;

/// <summary>
/// A browser without a browser: GETs pages as HTML with the person's session cookie, keeps the
/// cookies the server sets (antiforgery), and posts forms with the token read from the page.
/// </summary>
internal sealed class PageBrowser
{
    private readonly HttpClient _http;
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    public PageBrowser(EnclaveApp app, Api? person)
    {
        _http = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        if (person?.User is { } user) _cookies["enclave_session"] = user.Token;
    }

    public sealed record Page(HttpStatusCode Status, IHtmlDocument Document, string Html, string? Location);

    public async Task<Page> GetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        return await SendAsync(request);
    }

    /// <summary>Posts a form of <paramref name="page"/> (found by CSS selector) with its fields, overridden by <paramref name="values"/>.</summary>
    public async Task<Page> SubmitAsync(Page page, string formSelector, IDictionary<string, string>? values = null, string? path = null)
    {
        var form = page.Document.QuerySelector(formSelector) as IHtmlFormElement ?? throw new InvalidOperationException($"no form {formSelector} in page");
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name):
                    if (input.Type is "checkbox" or "radio" && !input.IsChecked) break;
                    fields.Add(new(input.Name!, input.Value));
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                    fields.Add(new(area.Name!, area.Value));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    fields.Add(new(select.Name!, select.Value ?? ""));
                    break;
            }
        }
        foreach (var (key, value) in values ?? new Dictionary<string, string>())
        {
            fields.RemoveAll(f => f.Key == key);
            fields.Add(new(key, value));
        }
        var action = form.GetAttribute("action");
        var target = string.IsNullOrEmpty(action) ? path ?? throw new InvalidOperationException("form without action: give its page's path") : action;
        using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new FormUrlEncodedContent(fields) };
        return await SendAsync(request);
    }

    private async Task<Page> SendAsync(HttpRequestMessage request)
    {
        request.Headers.Add("Accept", "text/html");
        if (_cookies.Count > 0) request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        using var response = await _http.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var header in setCookies)
            {
                var pair = header.Split(';')[0];
                var eq = pair.IndexOf('=');
                if (eq <= 0) continue;
                var name = pair[..eq];
                var value = pair[(eq + 1)..];
                if (name == "enclave_session" && value.Length == 0) continue;
                if (value.Length == 0 || header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase)) _cookies.Remove(name);
                else _cookies[name] = value;
            }
        }
        var html = await response.Content.ReadAsStringAsync();
        var document = new HtmlParser().ParseDocument(html);
        return new Page(response.StatusCode, document, html, response.Headers.Location?.OriginalString);
    }
}
