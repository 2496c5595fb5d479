namespace Enclave.Server.Live;

/// <summary>
/// Tells every app node that a live event was stored. In-process on a single node; across nodes
/// through PostgreSQL LISTEN/NOTIFY when PostgreSQL is configured. Only the event id travels:
/// the node reads the event back and asks the gate who may receive it.
/// </summary>
public interface IEventBus
{
    Task SignalAsync(Guid eventId, CancellationToken cancellationToken);
    event Action<Guid>? Signalled;
}

public sealed class InProcessEventBus : IEventBus
{
    public event Action<Guid>? Signalled;

    public Task SignalAsync(Guid eventId, CancellationToken cancellationToken)
    {
        Signalled?.Invoke(eventId);
        return Task.CompletedTask;
    }
}
