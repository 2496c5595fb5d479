using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Enclave.Tests.Support;

/// <summary>
/// Form submission. A form posts to its <c>action</c> or, without one, back to the page it is on;
/// a form whose enctype is multipart/form-data posts multipart (with its files, if any).
/// </summary>
public sealed partial class PageClient
{
    /// <summary>
    /// Fills the form chosen by <paramref name="formSelector"/> on <paramref name="page"/> (its hidden
    /// fields included, so the antiforgery token and handler name travel) and posts it.
    /// </summary>
    public Task<PageResult> SubmitAsync(PageResult page, string formSelector, IDictionary<string, string> fields) =>
        PostFormAsync(page, formSelector, HiddenFields, fields, [], path: null);

    public Task<PageResult> SubmitAsync(PageResult page, string formSelector, params (string Name, string Value)[] fields) =>
        SubmitAsync(page, formSelector, fields.ToDictionary(f => f.Name, f => f.Value));

    /// <summary>As <see cref="SubmitAsync(PageResult, string, IDictionary{string, string})"/>, with files (<c>input type=file</c> fields).</summary>
    public Task<PageResult> SubmitAsync(PageResult page, string formSelector, IEnumerable<(string Name, string Value)> fields,
        IEnumerable<(string Name, string FileName, byte[] Content)> files) =>
        PostFormAsync(page, formSelector, HiddenFields, fields.ToDictionary(f => f.Name, f => f.Value), files, path: null);

    /// <summary>
    /// Posts the form as a browser would: every field it holds with its current value (inputs,
    /// checked boxes, selects, textareas), <paramref name="changes"/> replacing some. A form without
    /// <c>action</c> posts to <paramref name="path"/> when given.
    /// </summary>
    public Task<PageResult> SubmitFilledAsync(PageResult page, string formSelector, IDictionary<string, string>? changes = null, string? path = null) =>
        PostFormAsync(page, formSelector, AllFields, changes ?? new Dictionary<string, string>(), [], path);

    /// <summary>Fetches <paramref name="path"/> (asserting 200), then submits its form <paramref name="formSelector"/> with its hidden fields and <paramref name="fields"/>.</summary>
    public async Task<PageResult> OpenAndSubmitAsync(string path, string formSelector, IDictionary<string, string> fields)
    {
        var page = await GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        return await SubmitAsync(page, formSelector, fields);
    }

    /// <summary>Posts <paramref name="fields"/> to <paramref name="path"/> with the antiforgery token found on <paramref name="tokenPage"/>.</summary>
    public async Task<PageResult> PostWithTokenAsync(string tokenPage, string path, IDictionary<string, string> fields)
    {
        var values = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = await TokenAsync(tokenPage) };
        return await PostAsync(path, new FormUrlEncodedContent(values));
    }

    /// <summary>Posts one file field (multipart) to <paramref name="path"/> with the antiforgery token found on <paramref name="tokenPage"/>.</summary>
    public async Task<PageResult> UploadAsync(string tokenPage, string path, string field, byte[] bytes, string contentType, string fileName = "avatar.png")
    {
        var content = new MultipartFormDataContent { { new StringContent(await TokenAsync(tokenPage)), "__RequestVerificationToken" } };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        content.Add(file, field, fileName);
        return await PostAsync(path, content);
    }

    private async Task<string> TokenAsync(string tokenPage) =>
        (await GetAsync(tokenPage)).Document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"No antiforgery token on {tokenPage}.");

    private Task<PageResult> PostFormAsync(PageResult page, string formSelector, Func<IElement, IEnumerable<KeyValuePair<string, string>>> formFields,
        IDictionary<string, string> fields, IEnumerable<(string Name, string FileName, byte[] Content)> files, string? path)
    {
        var form = page.Document.QuerySelector(formSelector) ?? throw new InvalidOperationException($"No form {formSelector} on {page.Path}.");
        var values = formFields(form).Where(f => !fields.ContainsKey(f.Key)).Concat(fields).ToList();
        var action = form.GetAttribute("action");
        var target = !string.IsNullOrEmpty(action) ? action : path ?? page.Path;
        if (!string.Equals(form.GetAttribute("enctype"), "multipart/form-data", StringComparison.OrdinalIgnoreCase))
            return PostAsync(target, new FormUrlEncodedContent(values));
        var multipart = new MultipartFormDataContent();
        foreach (var (name, value) in values) multipart.Add(new StringContent(value), name);
        foreach (var (name, fileName, bytes) in files) multipart.Add(new ByteArrayContent(bytes), name, fileName);
        return PostAsync(target, multipart);
    }

    private static IEnumerable<KeyValuePair<string, string>> HiddenFields(IElement form) =>
        form.QuerySelectorAll("input[type=hidden][name]").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? ""));

    private static IEnumerable<KeyValuePair<string, string>> AllFields(IElement form)
    {
        foreach (var element in form.QuerySelectorAll("input[name], select[name], textarea[name]"))
        {
            var name = element.GetAttribute("name")!;
            switch (element)
            {
                case IHtmlInputElement { Type: "file" }: break;
                case IHtmlInputElement { Type: "checkbox" or "radio", IsChecked: false }: break;
                case IHtmlInputElement input: yield return new(name, input.Value); break;
                case IHtmlTextAreaElement area: yield return new(name, area.Value); break;
                case IHtmlSelectElement select: yield return new(name, select.Value ?? ""); break;
            }
        }
    }
}
