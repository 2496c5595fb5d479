using Enclave.Server.Data;
using Npgsql;

namespace Enclave.Server.Live;

/// <summary>
/// LISTEN/NOTIFY on one channel: every node listens on a dedicated connection and raises
/// <see cref="Signalled"/> for each notification, its own included (so a node delivers the events
/// it publishes the same way as those of other nodes).
/// </summary>
public sealed class PostgresEventBus(DatabaseOptions options, ILogger<PostgresEventBus> logger) : BackgroundService, IEventBus
{
    private const string Channel = "enclave_events";
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public event Action<Guid>? Signalled;

    /// <summary>Completes once this node listens, so tests (and start-up) know no signal is lost.</summary>
    public Task Listening => _listening.Task;

    public async Task SignalAsync(Guid eventId, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(options.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection);
        command.Parameters.AddWithValue("channel", Channel);
        command.Parameters.AddWithValue("payload", eventId.ToString());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(options.ConnectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) =>
                {
                    if (Guid.TryParse(e.Payload, out var id)) Signalled?.Invoke(id);
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                _listening.TrySetResult();
                while (!stoppingToken.IsCancellationRequested) await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Lost the listening connection: reconnect; clients replay what they missed with Last-Event-ID.
                logger.LogWarning(e, "Live event listener lost its connection; reconnecting");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }
}
