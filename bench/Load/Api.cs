using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Enclave.Bench.Load;

/// <summary>
/// The HTTP side of the virtual users: one connection pool for ordinary requests (held-open event
/// streams have their own, so they never starve it), bearer tokens per request, and every call
/// recorded with its latency from the moment it was <em>scheduled</em>.
/// </summary>
public sealed class Api : IDisposable
{
    private readonly HttpClient _http;

    public Api(TimeSpan timeout)
    {
        _http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 8192,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
        }) { Timeout = timeout };
    }

    public sealed record Reply(HttpStatusCode Status, byte[] Body)
    {
        public bool Ok => (int)Status is >= 200 and < 300;
        public JsonDocument Json() => JsonDocument.Parse(Body);
    }

    /// <summary>Sends one request; never throws for HTTP or network failures: they come back as a null reply and an error kind.</summary>
    public async Task<(Reply? Reply, string? ErrorKind)> SendAsync(HttpMethod method, Uri url, string? token, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, url);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = new StringContent(JsonSerializer.Serialize(body, JsonSerializerOptions.Web), Encoding.UTF8, "application/json");
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var reply = new Reply(response.StatusCode, bytes);
            return (reply, reply.Ok ? null : $"status {(int)response.StatusCode}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested) { return (null, "timeout"); }
        catch (HttpRequestException e) { return (null, e.HttpRequestError == HttpRequestError.Unknown ? "connection" : $"connection ({e.HttpRequestError})"); }
    }

    /// <summary>Sends and records: latency runs from <paramref name="scheduled"/> (a Stopwatch timestamp) to the last byte.</summary>
    public async Task<Reply?> RecordAsync(Recorder recorder, string action, long scheduled, HttpMethod method, Uri url, string? token, object? body,
        CancellationToken cancellationToken, params HttpStatusCode[] alsoFine)
    {
        var (reply, error) = await SendAsync(method, url, token, body, cancellationToken);
        var ms = Stopwatch.GetElapsedTime(scheduled).TotalMilliseconds;
        if (reply is not null && (reply.Ok || alsoFine.Contains(reply.Status))) { recorder.Success(action, ms); return reply; }
        recorder.Failure(action, error ?? "unknown", ms);
        return null;
    }

    public void Dispose() => _http.Dispose();
}
