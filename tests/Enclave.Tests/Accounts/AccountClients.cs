using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Enclave.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Enclave.Tests.Accounts;

/// <summary>Ways to hold a session in the account tests: a bearer secret, or the browser's cookies copied by hand.</summary>
public static class AccountClients
{
    public static Api Bearer(this EnclaveApp app, string secret, TestUser? user = null)
    {
        var http = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return new Api(http, user);
    }

    /// <summary>Signs in with mode=token and returns a client holding the new session secret.</summary>
    public static async Task<Api> LoginAsync(this EnclaveApp app, string login, string password = World.Password)
    {
        var anonymous = app.Anonymous();
        var body = await anonymous.PostOkAsync("/api/v1/auth/login", new { login, password, mode = "token" });
        return app.Bearer(body["token"]!.GetValue<string>());
    }

    public static object SignupBody(string userName, string? email = null, string password = World.Password) =>
        new { userName, firstName = "Ada", lastName = "Lovelace", email = email ?? $"{userName}@example.org", password, mode = "token" };
}

/// <summary>A browser-like client: it keeps the cookies it is given and may send the antiforgery header.</summary>
public sealed class CookieBrowser(EnclaveApp app)
{
    private readonly Dictionary<string, string> _cookies = new();

    public HttpClient Http { get; } = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
    public string? CsrfToken { get; private set; }
    public IReadOnlyList<string> LastSetCookies { get; private set; } = [];

    public async Task<HttpResponseMessage> LoginAsync(string login, string password = World.Password)
    {
        var response = await SendAsync(HttpMethod.Post, "/api/v1/auth/login", new { login, password, mode = "cookie" }, csrf: false);
        if (response.IsSuccessStatusCode)
            CsrfToken = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["csrfToken"]?.GetValue<string>();
        return response;
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null, bool csrf = true)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = System.Net.Http.Json.JsonContent.Create(body, options: Api.Json);
        if (_cookies.Count > 0) request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        if (csrf && CsrfToken is not null) request.Headers.Add("X-CSRF-TOKEN", CsrfToken);
        var response = await Http.SendAsync(request);
        LastSetCookies = response.Headers.TryGetValues("Set-Cookie", out var values) ? values.ToList() : [];
        foreach (var header in LastSetCookies)
        {
            var pair = header.Split(';')[0];
            var eq = pair.IndexOf('=');
            var (name, value) = (pair[..eq], pair[(eq + 1)..]);
            if (value.Length == 0 || header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase)) _cookies.Remove(name);
            else _cookies[name] = value;
        }
        return response;
    }

    public bool HasCookie(string name) => _cookies.ContainsKey(name);
}
