using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Enclave.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace Enclave.Tests.Spheres.Pages;

/// <summary>
/// A browser without script for page tests: the person's session cookie, the antiforgery cookie
/// kept between requests, HTML parsed with AngleSharp, forms posted with their hidden fields.
/// </summary>
public sealed class PageClient
{
    private static readonly Uri Base = new("https://localhost/");
    private readonly HttpClient _http;

    private PageClient(HttpClient http) => _http = http;

    public static PageClient For(EnclaveApp app, Api? person)
    {
        var cookies = new CookieContainer();
        if (person?.User is { } user) cookies.Add(Base, new Cookie("enclave_session", user.Token));
        var http = app.CreateDefaultClient(Base, new CookieContainerHandler(cookies));
        http.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        return new PageClient(http);
    }

    public sealed record Result(HttpResponseMessage Response, IDocument Document)
    {
        public HttpStatusCode Status => Response.StatusCode;
        public string? Location => Response.Headers.Location?.OriginalString;
    }

    public async Task<Result> GetAsync(string path) => await ParseAsync(await _http.GetAsync(path));

    /// <summary>Fetches <paramref name="path"/>, then posts its form <paramref name="formSelector"/> with its hidden fields and <paramref name="fields"/>.</summary>
    public async Task<Result> SubmitAsync(string path, string formSelector, IDictionary<string, string> fields)
    {
        var page = await GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var form = page.Document.QuerySelector(formSelector) ?? throw new InvalidOperationException($"No form {formSelector} on {path}.");
        var values = new List<KeyValuePair<string, string>>();
        foreach (var input in form.QuerySelectorAll("input[type=hidden]"))
            if (input.GetAttribute("name") is { } name && !fields.ContainsKey(name)) values.Add(new(name, input.GetAttribute("value") ?? ""));
        values.AddRange(fields);
        var action = form.GetAttribute("action");
        var target = string.IsNullOrEmpty(action) ? path : action;
        return await ParseAsync(await _http.PostAsync(target, new FormUrlEncodedContent(values)));
    }

    /// <summary>Posts <paramref name="fields"/> to <paramref name="path"/> with the antiforgery token found on <paramref name="tokenPage"/>.</summary>
    public async Task<Result> PostWithTokenAsync(string tokenPage, string path, IDictionary<string, string> fields)
    {
        var page = await GetAsync(tokenPage);
        var token = page.Document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"No antiforgery token on {tokenPage}.");
        var values = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token };
        return await ParseAsync(await _http.PostAsync(path, new FormUrlEncodedContent(values)));
    }

    /// <summary>Posts a file field (multipart) with the antiforgery token found on <paramref name="tokenPage"/>.</summary>
    public async Task<Result> UploadAsync(string tokenPage, string path, string field, byte[] bytes, string contentType)
    {
        var page = await GetAsync(tokenPage);
        var token = page.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        content.Add(file, field, "avatar.png");
        return await ParseAsync(await _http.PostAsync(path, content));
    }

    private static async Task<Result> ParseAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        var document = await new HtmlParser().ParseDocumentAsync(html);
        return new Result(response, document);
    }
}
