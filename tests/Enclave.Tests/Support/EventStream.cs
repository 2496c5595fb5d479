using System.Net.ServerSentEvents;
using System.Threading.Channels;

namespace Enclave.Tests.Support;

/// <summary>A live event stream opened by a test client, read in the background.</summary>
public sealed class EventStream : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<SseItem<string>> _items = Channel.CreateUnbounded<SseItem<string>>();
    private readonly HttpResponseMessage _response;
    private readonly Task _reader;

    private EventStream(HttpResponseMessage response)
    {
        _response = response;
        _reader = Task.Run(async () =>
        {
            try
            {
                await using var body = await response.Content.ReadAsStreamAsync(_stop.Token);
                await foreach (var item in SseParser.Create(body).EnumerateAsync(_stop.Token)) await _items.Writer.WriteAsync(item, _stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException)
            {
            }
            finally
            {
                _items.Writer.TryComplete();
            }
        });
    }

    public string? LastEventId { get; private set; }

    /// <summary>Opens the stream and waits for its <c>ready</c> event (after any replay, which is returned).</summary>
    public static async Task<(EventStream Stream, List<SseItem<string>> Replayed)> OpenAsync(Api api, string? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/events");
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
        var response = await api.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var stream = new EventStream(response);
        var replayed = new List<SseItem<string>>();
        while (true)
        {
            var item = await stream.NextAsync(TimeSpan.FromSeconds(30)) ?? throw new TimeoutException("no ready event");
            if (item.EventType == "ready") return (stream, replayed);
            replayed.Add(item);
        }
    }

    /// <summary>The next event other than pings, or null after the timeout.</summary>
    public async Task<SseItem<string>?> NextAsync(TimeSpan timeout)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        wait.CancelAfter(timeout);
        try
        {
            while (true)
            {
                var item = await _items.Reader.ReadAsync(wait.Token);
                if (item.EventType == "ping") continue;
                if (item.EventId is not null) LastEventId = item.EventId;
                return item;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            return null;
        }
    }

    /// <summary>Waits for an event of the given type whose data contains <paramref name="marker"/>; returns every event seen meanwhile.</summary>
    public async Task<(SseItem<string>? Match, List<SseItem<string>> Seen)> WaitForAsync(string type, string marker, TimeSpan timeout)
    {
        var seen = new List<SseItem<string>>();
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var item = await NextAsync(deadline - DateTime.UtcNow);
            if (item is null) break;
            seen.Add(item.Value);
            if (item.Value.EventType == type && item.Value.Data.Contains(marker, StringComparison.Ordinal)) return (item, seen);
        }
        return (null, seen);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _response.Dispose();
        await _reader;
        _stop.Dispose();
    }
}
