using System.Net.Http.Headers;
using Enclave.Server.Accounts;
using Enclave.Server.Audit;
using Enclave.Tests.Accounts.TwoFactor;
using Enclave.Tests.Support;

namespace Enclave.Tests.Accounts;

[Collection(TwoFactorClient.Collection)]
public sealed class SessionDeviceTests
{
    private const string FirefoxLinux = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

    [Theory]
    [InlineData(FirefoxLinux, "Firefox on Linux")]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36 Edg/131.0", "Edge on Windows")]
    [InlineData("Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36", "Chrome on Android")]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1", "Safari on iOS")]
    [InlineData("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15", "Safari on macOS")]
    [InlineData("curl/8.5.0", "Program or other device")]
    [InlineData("", "Unknown device")]
    public void Names_the_browser_and_system(string userAgent, string device) => Assert.Equal(device, UserAgents.Describe(userAgent));

    [Theory, Engines]
    public async Task Sessions_show_their_device_and_closing_the_others_keeps_this_one(Engine engine)
    {
        var app = TwoFactorClient.Shared(engine);
        var alice = await app.SignUpAsync();
        var anonymous = app.Anonymous();
        anonymous.Http.DefaultRequestHeaders.UserAgent.ParseAdd(FirefoxLinux);
        var laptop = await anonymous.PostOkAsync("/api/v1/auth/login", new { login = alice.User!.UserName, password = World.Password, mode = "token" });
        var laptopApi = app.Bearer(laptop["token"]!.GetValue<string>());
        await app.LoginAsync(alice.User.UserName);

        var sessions = (await laptopApi.GetOkAsync("/api/v1/me/sessions"))["items"]!.AsArray();
        Assert.Equal(3, sessions.Count);
        var current = sessions.Single(s => s!["current"]!.GetValue<bool>())!;
        Assert.Equal("Firefox on Linux", current["device"]!.GetValue<string>());
        Assert.NotNull(current["lastSeenAt"]);

        var closed = await laptopApi.PostOkAsync("/api/v1/me/sessions/close-others");
        Assert.Equal(2, closed["closed"]!.GetValue<int>());
        Assert.Single((await laptopApi.GetOkAsync("/api/v1/me/sessions"))["items"]!.AsArray());
        await Api.ProblemAsync(alice.GetAsync("/api/v1/me"), System.Net.HttpStatusCode.Unauthorized, "unauthenticated");
        Assert.Contains((AuditActions.SessionRevoked, "all_others:2"), await app.AuditAsync(alice.UserId));
    }
}
