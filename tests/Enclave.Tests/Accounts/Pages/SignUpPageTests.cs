using System.Net;
using Enclave.Tests.Support;

namespace Enclave.Tests.Accounts.Pages;

public sealed class SignUpPageTests
{
    private static EnclaveApp App => EnclaveApp.Shared(Engine.Sqlite);

    private static Dictionary<string, string> Fields(string userName, string password) => new()
    {
        ["Form.FirstName"] = "Grace", ["Form.LastName"] = "Hopper", ["Form.UserName"] = userName,
        ["Form.Email"] = $"{userName}@example.org", ["Form.Password"] = password,
    };

    [Fact]
    public async Task A_short_password_is_shown_next_to_its_field_and_creates_no_account()
    {
        var userName = World.UniqueName();
        var browser = new PageClient(App);
        var page = await browser.GetAsync("/signup");
        var refused = await browser.SubmitAsync(page, "form[action^='/signup']", Fields(userName, "short"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.NotNull(refused.Document.QuerySelector("[data-field-error=password]"));
        Assert.Equal(userName, refused.Document.QuerySelector("#userName")?.GetAttribute("value"));
        var anonymous = App.Anonymous();
        using var login = await anonymous.PostAsync("/api/v1/auth/login", new { login = userName, password = "short", mode = "token" });
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
    }

    [Fact]
    public async Task Signing_up_in_french_creates_a_french_account_and_signs_it_in()
    {
        var userName = World.UniqueName();
        var browser = new PageClient(App, language: "fr-FR");
        var page = await browser.GetAsync("/signup?returnUrl=%2Forganizations");
        Assert.Equal("fr", page.Document.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Créer mon compte", page.Text);
        var done = await browser.SubmitAsync(page, "form[action^='/signup']", Fields(userName, World.Password));
        Assert.Equal(HttpStatusCode.Redirect, done.Status);
        Assert.EndsWith("/organizations", done.Location);
        var signedIn = await new Api(App.CreateClient(), null).OkAsync(App.Anonymous().PostAsync("/api/v1/auth/login", new { login = userName, password = World.Password, mode = "token" }));
        Assert.Equal("fr", signedIn["user"]!["language"]!.GetValue<string>());
    }
}
