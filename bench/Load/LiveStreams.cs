using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Enclave.Bench.Load;

/// <summary>
/// Holds one live event stream (<c>GET /api/v1/events</c>) open per virtual user, on the instance
/// that user is assigned to, and records when each tracked post's <c>post.created</c> arrives.
/// Streams have their own connection pool: a held-open stream is a connection for its whole life.
/// </summary>
public sealed class LiveStreams : IAsyncDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, UseCookies = false })
    { Timeout = Timeout.InfiniteTimeSpan };
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _readers = [];
    private readonly IReadOnlyList<Uri> _urls;
    private readonly World _world;
    private int _open, _failed;

    public LiveStreams(IReadOnlyList<Uri> urls, World world)
    {
        _urls = urls;
        _world = world;
    }

    public ConcurrentQueue<(Guid Post, long Arrived, int Instance)> Arrivals { get; } = new();
    public int Open => Volatile.Read(ref _open);
    public int Failed => Volatile.Read(ref _failed);
    public List<VirtualUser> Holders { get; } = [];

    /// <summary>Opens the streams, at most 64 handshakes at a time, and waits for each one's <c>ready</c> event (bounded by <paramref name="timeout"/>).</summary>
    public async Task OpenAsync(IEnumerable<VirtualUser> users, TimeSpan timeout)
    {
        using var gate = new SemaphoreSlim(64);
        var started = new List<Task>();
        using var deadline = new CancellationTokenSource(timeout);
        foreach (var user in users)
        {
            await gate.WaitAsync(deadline.Token);
            var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _readers.Add(Task.Run(() => ReadAsync(user, ready)));
            Holders.Add(user);
            started.Add(ready.Task.ContinueWith(_ => gate.Release(), TaskScheduler.Default));
        }
        await Task.WhenAll(started).WaitAsync(deadline.Token);
    }

    private async Task ReadAsync(VirtualUser user, TaskCompletionSource ready)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_urls[user.Instance], "api/v1/events"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", user.Token);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, _stop.Token);
            response.EnsureSuccessStatusCode();
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(_stop.Token));
            string? type = null;
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                if (line.StartsWith("event:", StringComparison.Ordinal)) type = line[6..].Trim();
                else if (line.StartsWith("data:", StringComparison.Ordinal) && type == "post.created" && _world.Tracking)
                {
                    var arrived = Stopwatch.GetTimestamp();
                    using var json = JsonDocument.Parse(line[5..]);
                    Arrivals.Enqueue((json.RootElement.GetProperty("postId").GetGuid(), arrived, user.Instance));
                }
                else if (line.Length == 0)
                {
                    if (type == "ready" && ready.TrySetResult()) Interlocked.Increment(ref _open);
                    type = null;
                }
            }
            if (!_stop.IsCancellationRequested) Lost(ready);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested) { ready.TrySetResult(); }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
        {
            Lost(ready);
        }
    }

    private void Lost(TaskCompletionSource ready)
    {
        if (!ready.TrySetResult()) Interlocked.Decrement(ref _open);
        Interlocked.Increment(ref _failed);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_readers).WaitAsync(TimeSpan.FromSeconds(30)).ContinueWith(_ => { }, TaskScheduler.Default);
        _http.Dispose();
        _stop.Dispose();
    }
}
