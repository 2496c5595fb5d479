using System.Net;
using System.Text.RegularExpressions;
using Enclave.Tests.Support;

namespace Enclave.Tests.Accounts.Pages;

public sealed partial class PasswordResetPageTests
{
    [Fact]
    public async Task Forgotten_password_by_email_link_then_new_password_through_the_pages()
    {
        using var app = new EnclaveApp(Engine.Sqlite);
        var user = await app.SignUpAsync();
        var browser = new PageClient(app);

        var forgot = await browser.GetAsync("/forgot-password");
        var sent = await browser.SubmitAsync(forgot, "form[action='/forgot-password']", ("Form.Login", user.User!.Email));
        Assert.Equal(HttpStatusCode.OK, sent.Status);
        Assert.NotNull(sent.Document.QuerySelector("[data-reset-sent]"));
        var unknown = await browser.SubmitAsync(forgot, "form[action='/forgot-password']", ("Form.Login", "nobody-" + World.UniqueName()));
        Assert.Equal(sent.Document.QuerySelector("[data-reset-sent]")!.TextContent, unknown.Document.QuerySelector("[data-reset-sent]")?.TextContent);

        var mail = Assert.Single(Directory.GetFiles(app.Outbox, "*.eml"));
        var link = LinkPattern().Match(File.ReadAllText(mail)).Value;
        var path = new Uri(link).PathAndQuery;

        var reset = await browser.GetAsync(path);
        var weak = await browser.SubmitAsync(reset, "form[action^='/reset-password']", ("Form.NewPassword", "short"));
        Assert.Equal(HttpStatusCode.BadRequest, weak.Status);
        Assert.NotNull(weak.Document.QuerySelector("[data-field-error=newPassword]"));

        var done = await browser.SubmitAsync(reset, "form[action^='/reset-password']", ("Form.NewPassword", "a brand new passphrase"));
        Assert.Equal(HttpStatusCode.Redirect, done.Status);
        Assert.EndsWith("/signin", done.Location);
        using var old = await app.Anonymous().PostAsync("/api/v1/auth/login", new { login = user.User.UserName, password = World.Password, mode = "token" });
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        using var fresh = await app.Anonymous().PostAsync("/api/v1/auth/login", new { login = user.User.UserName, password = "a brand new passphrase", mode = "token" });
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);

        var again = await browser.SubmitAsync(reset, "form[action^='/reset-password']", ("Form.NewPassword", "yet another passphrase"));
        Assert.Equal(HttpStatusCode.BadRequest, again.Status);
        Assert.Equal("reset_token_invalid", again.Document.QuerySelector("[data-problem-code]")?.GetAttribute("data-problem-code"));
    }

    [GeneratedRegex(@"https?://\S+/reset-password\?token=[A-Za-z0-9_\-]+")]
    private static partial Regex LinkPattern();
}
