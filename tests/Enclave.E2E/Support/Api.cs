using System.Text.Json;
using Microsoft.Playwright;

namespace Enclave.E2E.Support;

/// <summary>
/// Calls to the REST API from a signed-in session (its cookie, plus the antiforgery header every
/// cookie-authenticated write needs). For setting up a world quickly or reading state in
/// assertions; journeys themselves go through the pages.
/// </summary>
public static class Api
{
    public static async Task<JsonElement> GetJsonAsync(this BrowserSession session, string path)
    {
        var response = await session.Context.APIRequest.GetAsync(path);
        return await ReadAsync(response, "GET", path);
    }

    public static async Task<JsonElement> PostJsonAsync(this BrowserSession session, string path, object? data = null)
    {
        var csrf = (await session.GetJsonAsync("/api/v1/auth/csrf")).GetProperty("token").GetString()!;
        var response = await session.Context.APIRequest.PostAsync(path, new APIRequestContextOptions
        {
            DataObject = data ?? new { },
            Headers = new Dictionary<string, string> { ["X-CSRF-TOKEN"] = csrf },
        });
        return await ReadAsync(response, "POST", path);
    }

    private static async Task<JsonElement> ReadAsync(IAPIResponse response, string method, string path)
    {
        var text = await response.TextAsync();
        Assert.True(response.Ok, $"{method} {path} answered {response.Status}: {text}");
        if (string.IsNullOrWhiteSpace(text)) return default;
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
