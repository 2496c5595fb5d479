using System.Text.Json;
using Microsoft.Playwright;

namespace Enclave.E2E.Support;

/// <summary>A person a test created, with what it takes to sign in again.</summary>
public sealed record TestUser(Guid Id, string UserName, string Email, string Password);

/// <summary>
/// Signing a browser session in through the API (the context's request client shares the
/// context's cookies), so that tests of other pages do not depend on the sign-in page.
/// </summary>
public static class Accounts
{
    public const string Password = "correct horse battery staple";
    private static int _counter;

    public static string UniqueName(string prefix = "e2e") =>
        $"{prefix}{Interlocked.Increment(ref _counter)}x{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Signs up a new person in this session: afterwards its pages are signed in (session cookie).</summary>
    public static async Task<TestUser> SignUpAsync(this BrowserSession session, string? userName = null,
        string firstName = "Test", string lastName = "Person", string language = "en")
    {
        userName ??= UniqueName();
        var email = $"{userName}@example.org";
        var body = await SendAsync(session, "/api/v1/auth/signup",
            new { userName, firstName, lastName, email, password = Password, language, mode = "cookie" });
        return new TestUser(body.GetProperty("user").GetProperty("id").GetGuid(), userName, email, Password);
    }

    /// <summary>Signs an existing person in this session (session cookie).</summary>
    public static async Task SignInAsync(this BrowserSession session, TestUser user) =>
        await SendAsync(session, "/api/v1/auth/login", new { login = user.UserName, password = user.Password, mode = "cookie" });

    private static async Task<JsonElement> SendAsync(BrowserSession session, string path, object data)
    {
        var response = await session.Context.APIRequest.PostAsync(path, new APIRequestContextOptions { DataObject = data });
        var text = await response.TextAsync();
        Assert.True(response.Ok, $"POST {path} answered {response.Status}: {text}");
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
