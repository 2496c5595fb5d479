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
/// connected people are decided once by the gate, and it is written to their streams. A stream
/// that falls behind is closed (its client reconnects with Last-Event-ID and replays).
/// </summary>
public sealed class LiveHub : BackgroundService
{
    private const int StreamBuffer = 256;
    private const int ReplayLimit = 1000;

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
        await foreach (var id in _signals.Reader.ReadAllAsync(stoppingToken))
        {
            if (_connections.IsEmpty) continue;
            try
            {
                await DispatchAsync(id, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _logger.LogWarning(e, "Could not dispatch live event {EventId}", id);
            }
        }
    }

    private async Task DispatchAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EnclaveDb>();
        var e = await db.LiveEvents.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (e is null) return;
        var connections = _connections.ToArray();
        var candidates = connections.Select(c => c.Value.UserId).Distinct().ToList();
        var recipients = await scope.ServiceProvider.GetRequiredService<EventAudience>().RecipientsAsync(e, candidates, cancellationToken);
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
