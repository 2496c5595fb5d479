namespace Enclave.Server.Demo;

/// <summary>
/// The time the demo services see while the world is written: set back step by step from the
/// injected clock's "now", so that accounts, posts and comments carry a plausible history.
/// </summary>
public sealed class DemoClock(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset _current = now;

    public DateTimeOffset Now { get; } = now;

    public void SetAgo(TimeSpan ago) => _current = Now - ago;

    public override DateTimeOffset GetUtcNow() => _current;
}
