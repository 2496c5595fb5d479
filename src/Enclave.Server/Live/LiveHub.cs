using System.Collections.Concurrent;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Enclave.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Enclave.Server.Live;

/// <summary>
/// This node's open streams. Each signalled event is read once, its recipients among the
/// connected people are decided by the gate (once per audience among the events signalled
/// together), and it is written to their streams. A stream
/// that falls behind is closed (its client reconnects with Last-Event-ID and replays).
/// </summary>
public sealed class LiveHub : BackgroundService
{
    private const int StreamBuffer = 256;
    private const int ReplayLimit = 1000;
    private const int MaxBatch = 256;

    private readonly ConcurrentDictionary<Guid, Connection> _connections = new();
    private readonly Channel<Guid> _signals = Channel.CreateUnbounded<Guid>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IServiceScopeFactory _scopes;
    private readonly IOptions<LiveOptions> _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<LiveHub> _logger;

    public LiveHub(IEventBus bus, IServiceScopeFactory scopes, IOptions<LiveOptions> options, TimeProvider clock, IHostApplicationLifetime lifetime, ILogger<LiveHub> logger)
    {
        // Kestrel waits for open requests before stopping; event streams never end on their own.
        lifetime.ApplicationStopping.Register(CloseAll);
        _scopes = scopes;
        _options = options;
        _clock = clock;
        _logger = logger;
        bus.Signalled += id => _signals.Writer.TryWrite(id);
    }

    public int ConnectionCount => _connections.Count;

    private sealed record Connection(Guid UserId, Channel<LiveEvent> Events);

    public async IAsyncEnumerable<SseItem<string>> StreamAsync(Guid userId, Guid? lastEventId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var connectionId = Guid.NewGuid();
        var connection = new Connection(userId, Channel.CreateBounded<LiveEvent>(new BoundedChannelOptions(StreamBuffer) { FullMode = BoundedChannelFullMode.DropWrite }));
        // Register before replaying so that nothing published meanwhile is missed; duplicates are skipped by id.
        _connections[connectionId] = connection;
        try
        {
            var last = lastEventId ?? Guid.Empty;
            foreach (var missed in await ReplayAsync(userId, lastEventId, cancellationToken))
            {
                last = missed.Id;
                yield return Item(missed);
            }
            yield return new SseItem<string>("{}", "ready");
            while (!cancellationToken.IsCancellationRequested)
            {
                using var heartbeat = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                heartbeat.CancelAfter(_options.Value.Heartbeat);
                LiveEvent? next = null;
                try
                {
                    next = await connection.Events.Reader.ReadAsync(heartbeat.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                }
                catch (ChannelClosedException)
                {
                    yield break;
                }
                if (next is null)
                {
                    yield return new SseItem<string>("{}", "ping");
                    continue;
                }
                if (next.Id.CompareTo(last) <= 0) continue;
                last = next.Id;
                yield return Item(next);
            }
        }
        finally
        {
            _connections.TryRemove(connectionId, out _);
        }
    }

    private static SseItem<string> Item(LiveEvent e) => new(e.Data, e.Type) { EventId = e.Id.ToString() };

    /// <summary>Events after the client's last one, within the retention window, filtered for this person.</summary>
    private async Task<List<LiveEvent>> ReplayAsync(Guid userId, Guid? lastEventId, CancellationToken cancellationToken)
    {
        if (lastEventId is not { } after) return [];
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EnclaveDb>();
        var audience = scope.ServiceProvider.GetRequiredService<EventAudience>();
        var since = _clock.GetUtcNow().UtcDateTime - _options.Value.Retention;
        var missed = await db.LiveEvents.AsNoTracking().Where(e => e.Id.CompareTo(after) > 0 && e.CreatedAt >= since)
            .OrderBy(e => e.Id).Take(ReplayLimit).ToListAsync(cancellationToken);
        var result = new List<LiveEvent>();
        foreach (var e in missed)
            if ((await audience.RecipientsAsync(e, [userId], cancellationToken)).Contains(userId)) result.Add(e);
        return result;
    }

    /// <summary>On shutdown, end every open stream so the server stops promptly; clients reconnect (to another node) with Last-Event-ID.</summary>
    private void CloseAll()
    {
        foreach (var connection in _connections.Values) connection.Events.Writer.TryComplete();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Guid>(MaxBatch);
        while (await _signals.Reader.WaitToReadAsync(stoppingToken))
        {
            // Whatever has been signalled meanwhile goes out together: with many streams open, asking
            // the gate once per event (10,000 candidates each) was the dispatcher's whole cost.
            batch.Clear();
            while (batch.Count < MaxBatch && _signals.Reader.TryRead(out var id)) batch.Add(id);
            if (_connections.IsEmpty) continue;
            try
            {
                await DispatchAsync(batch, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _logger.LogWarning(e, "Could not dispatch {Count} live events from {EventId}", batch.Count, batch[0]);
            }
        }
    }

    /// <summary>
    /// Reads the signalled events, asks the gate once per audience (<see cref="EventAudience.Key"/>)
    /// which connected people may receive them, and writes them in the order they were signalled.
    /// The gate reads the state after every event of the batch was committed, as it would have for
    /// the last of them one at a time.
    /// </summary>
    private async Task DispatchAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EnclaveDb>();
        var order = ids.Select((id, i) => (id, i)).GroupBy(x => x.id).ToDictionary(g => g.Key, g => g.First().i);
        var events = (await db.LiveEvents.AsNoTracking().Where(x => ids.Contains(x.Id)).ToListAsync(cancellationToken))
            .OrderBy(e => order[e.Id]).ToList();
        if (events.Count == 0) return;
        var connections = _connections.ToArray();
        var candidates = connections.Select(c => c.Value.UserId).Distinct().ToList();
        var audience = scope.ServiceProvider.GetRequiredService<EventAudience>();
        var recipientsByAudience = new Dictionary<object, HashSet<Guid>>();
        foreach (var e in events)
        {
            var key = EventAudience.Key(e);
            if (!recipientsByAudience.TryGetValue(key, out var recipients))
                recipientsByAudience[key] = recipients = await audience.RecipientsAsync(e, candidates, cancellationToken);
            foreach (var (connectionId, connection) in connections)
            {
                if (!recipients.Contains(connection.UserId)) continue;
                if (!connection.Events.Writer.TryWrite(e))
                {
                    // Too slow to keep up: close it; the client reconnects and replays from its last id.
                    connection.Events.Writer.TryComplete();
                    _connections.TryRemove(connectionId, out _);
                }
            }
        }
    }
}
