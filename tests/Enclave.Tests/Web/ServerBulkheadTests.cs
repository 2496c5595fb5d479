using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Enclave.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Enclave.Tests.Web;

/// <summary>
/// The server's admission control (<see cref="Enclave.Server.Web.ServerBulkhead"/>): past the requests
/// it works on and those waiting, a request is refused at once with 503 server_busy, while health
/// probes, live streams and searches still pass; a freed turn admits requests again. Real Kestrel, so that a request can be
/// held half-sent.
/// </summary>
public sealed class ServerBulkheadTests
{
    [Fact]
    public async Task A_full_server_refuses_at_once_and_admits_again_when_a_turn_frees()
    {
        using var app = new EnclaveApp(Engine.Sqlite, new Dictionary<string, string?>
        {
            ["RateLimits:RequestsConcurrent"] = "1",
            ["RateLimits:RequestsQueue"] = "0",
        });
        app.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        app.StartServer();
        var baseUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        using var client = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/feed")).StatusCode);

        // Hold the only turn: a sign-in whose body stops after its first byte, so the server waits for the rest.
        var body = Encoding.UTF8.GetBytes("{\"login\":\"nobody\",\"password\":\"wrong-password\"}");
        var (held, stream, refused) = await HoldTheOnlyTurnAsync(client, baseUrl, body);
        using var _ = held;
        Assert.Equal("1", refused.Headers.GetValues("Retry-After").Single());
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        using (var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()))
        {
            Assert.Equal("server_busy", problem.RootElement.GetProperty("code").GetString());
            Assert.Equal(503, problem.RootElement.GetProperty("status").GetInt32());
        }
        // Not counted: health probes (a load balancer still sees the server alive), live streams (open for
        // hours), and searches (bound on their own): these reach their endpoint and get its usual answer.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/events")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/search?q=word")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/api/v1/me")).StatusCode);
        // A browser asking for a page gets a page that says so and reloads itself after Retry-After;
        // the enhanced forms' own requests keep the problem JSON, which they show inside the form.
        using (var page = new HttpRequestMessage(HttpMethod.Get, "/spheres?from=busy"))
        {
            page.Headers.Accept.ParseAdd("text/html");
            page.Headers.AcceptLanguage.ParseAdd("en-GB");
            using var refusedPage = await client.SendAsync(page);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refusedPage.StatusCode);
            Assert.Equal("1", refusedPage.Headers.GetValues("Retry-After").Single());
            Assert.Equal("text/html", refusedPage.Content.Headers.ContentType?.MediaType);
            var html = await refusedPage.Content.ReadAsStringAsync();
            Assert.Contains("data-status=\"503\"", html);
            Assert.Contains("<meta http-equiv=\"refresh\" content=\"1\" />", html);
            Assert.Contains("Enclave is busy", html);
            Assert.Contains("href=\"/spheres?from=busy\"", html);
        }
        using (var enhanced = new HttpRequestMessage(HttpMethod.Get, "/spheres"))
        {
            enhanced.Headers.Accept.ParseAdd("text/html, application/problem+json"); // as /js/enclave.js asks
            enhanced.Headers.Add("X-Enclave-Enhanced", "1");
            using var refusedFragment = await client.SendAsync(enhanced);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refusedFragment.StatusCode);
            Assert.Equal("application/problem+json", refusedFragment.Content.Headers.ContentType?.MediaType);
        }

        // The rest of the body: the held request is served, and its turn frees.
        await stream.WriteAsync(body.AsMemory(1));
        await stream.FlushAsync();
        var answer = await ReadStatusLineAsync(stream);
        Assert.StartsWith("HTTP/1.1 401", answer, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/feed")).StatusCode);
    }

    /// <summary>
    /// Sends the first byte of a request and checks that the server then refuses another one. A probe
    /// that was still running when the held request arrived would have taken the turn (the held one is
    /// then refused at once, and is sent again).
    /// </summary>
    private static async Task<(TcpClient Held, NetworkStream Stream, HttpResponseMessage Refused)> HoldTheOnlyTurnAsync(HttpClient client, Uri baseUrl, byte[] body)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var held = new TcpClient();
            await held.ConnectAsync(baseUrl.Host, baseUrl.Port);
            var stream = held.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes(
                $"POST /api/v1/auth/login HTTP/1.1\r\nHost: {baseUrl.Authority}\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n"));
            await stream.WriteAsync(body.AsMemory(0, 1));
            await stream.FlushAsync();
            await Task.Delay(200);
            if (held.Available == 0)
            {
                var probe = await client.GetAsync("/api/v1/feed");
                if (probe.StatusCode == HttpStatusCode.ServiceUnavailable && held.Available == 0) return (held, stream, probe);
                probe.Dispose();
            }
            held.Dispose();
        }
        throw new Xunit.Sdk.XunitException("a half-sent request never held the server's only turn");
    }

    private static async Task<string> ReadStatusLineAsync(NetworkStream stream)
    {
        var buffer = new byte[512];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var read = await stream.ReadAsync(buffer, timeout.Token);
        var text = Encoding.ASCII.GetString(buffer, 0, read);
        return text[..Math.Max(0, text.IndexOf('\r'))];
    }
}
