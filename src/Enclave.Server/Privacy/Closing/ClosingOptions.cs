namespace Enclave.Server.Privacy.Closing;

/// <summary>Configuration section <c>Privacy</c>.</summary>
public sealed class ClosingOptions
{
    /// <summary>Days between closing an account and its purge, during which it can be restored (<c>Privacy:ClosingGraceDays</c>).</summary>
    public int ClosingGraceDays { get; set; } = 30;
    /// <summary>How often the purge job looks for accounts whose grace period is over (<c>Privacy:PurgeInterval</c>).</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromMinutes(5);
}
