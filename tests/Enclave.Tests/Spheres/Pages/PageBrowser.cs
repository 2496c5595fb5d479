using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Enclave.Tests.Support;

namespace Enclave.Tests.Spheres.Pages;

/// <summary>A browser without script for page tests: the session cookie, the antiforgery cookie, HTML parsed with AngleSharp, forms posted as a browser would.</summary>
public sealed class PageBrowser
{
    private readonly HttpClient _http;
    private readonly Dictionary<string, string> _cookies = new();

    public PageBrowser(EnclaveApp app, Api? user)
    {
        _http = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        if (user?.User is { } u) _cookies["enclave_session"] = u.Token;
    }

    public void SetCookie(string name, string value) => _cookies[name] = value;

    public sealed record Page(HttpStatusCode Status, string Html, IHtmlDocument Document, HttpResponseMessage Response);

    public async Task<Page> GetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        return await SendAsync(request);
    }

    /// <summary>Posts the form <paramref name="formSelector"/> of <paramref name="page"/> with its hidden fields plus <paramref name="fields"/>; files make it multipart.</summary>
    public async Task<Page> SubmitAsync(Page page, string formSelector, IEnumerable<KeyValuePair<string, string>> fields, IEnumerable<(string Name, string FileName, byte[] Content)>? files = null)
    {
        var form = page.Document.QuerySelector(formSelector) as IHtmlFormElement ?? throw new InvalidOperationException($"no form {formSelector}");
        var values = form.QuerySelectorAll("input[type=hidden]").Cast<IHtmlInputElement>().Select(i => new KeyValuePair<string, string>(i.Name!, i.Value)).ToList();
        values.AddRange(fields);
        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? page.Response.RequestMessage!.RequestUri!.PathAndQuery : form.GetAttribute("action")!;
        HttpContent content;
        if (form.Enctype == "multipart/form-data")
        {
            var multipart = new MultipartFormDataContent();
            foreach (var (k, v) in values) multipart.Add(new StringContent(v), k);
            foreach (var (name, fileName, bytes) in files ?? []) multipart.Add(new ByteArrayContent(bytes), name, fileName);
            content = multipart;
        }
        else content = new FormUrlEncodedContent(values);
        using var request = new HttpRequestMessage(HttpMethod.Post, action) { Content = content };
        return await SendAsync(request);
    }

    private async Task<Page> SendAsync(HttpRequestMessage request)
    {
        request.Headers.Add("Accept", "text/html");
        if (_cookies.Count > 0) request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        var response = await _http.SendAsync(request);
        foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var v) ? v : [])
        {
            var pair = header.Split(';')[0];
            var eq = pair.IndexOf('=');
            if (eq > 0 && pair[(eq + 1)..].Length > 0) _cookies[pair[..eq]] = pair[(eq + 1)..];
        }
        var html = await response.Content.ReadAsStringAsync();
        return new Page(response.StatusCode, html, new HtmlParser().ParseDocument(html), response);
    }
}
