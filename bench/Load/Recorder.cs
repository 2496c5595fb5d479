namespace Enclave.Bench.Load;

/// <summary>Latencies and errors per action for one step. Thread-safe; a lock per action is cheap at these rates.</summary>
public sealed class Recorder
{
    /// <summary>The error kind of an arrival not started because the in-flight cap was reached.</summary>
    public const string DroppedKind = "dropped (in-flight cap)";

    /// <summary>The pseudo-action that summarizes every request of a step with several actions (a mix).</summary>
    public const string AllRequests = "all requests";

    private sealed class Series
    {
        public readonly List<double> Latencies = new(4096);
        public readonly Dictionary<string, long> Errors = [];
    }

    private readonly Dictionary<string, Series> _series = [];
    private readonly Lock _lock = new();
    private long _dropped;

    public void Success(string action, double milliseconds)
    {
        var s = Get(action);
        lock (s) s.Latencies.Add(milliseconds);
    }

    /// <summary>An error still has a latency (a slow 500 is slow); it is counted in the percentiles too.</summary>
    public void Failure(string action, string kind, double milliseconds)
    {
        var s = Get(action);
        lock (s)
        {
            s.Latencies.Add(milliseconds);
            s.Errors[kind] = s.Errors.GetValueOrDefault(kind) + 1;
        }
    }

    public void Dropped(string action)
    {
        Interlocked.Increment(ref _dropped);
        var s = Get(action);
        lock (s) s.Errors[DroppedKind] = s.Errors.GetValueOrDefault(DroppedKind) + 1;
    }

    public long DroppedCount => Interlocked.Read(ref _dropped);

    private Series Get(string action)
    {
        lock (_lock)
        {
            if (!_series.TryGetValue(action, out var s)) _series[action] = s = new Series();
            return s;
        }
    }

    public Dictionary<string, ActionStats> Summarize(double seconds)
    {
        lock (_lock)
        {
            var stats = PerAction(seconds);
            if (_series.Count > 1)
            {
                var all = _series.Values.SelectMany(s => { lock (s) return s.Latencies.ToArray(); }).ToArray();
                Array.Sort(all);
                var errors = _series.Values.SelectMany(s => { lock (s) return s.Errors.ToArray(); })
                    .GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Sum(e => e.Value));
                stats[AllRequests] = new ActionStats(stats.Values.Sum(a => a.Count), stats.Values.Sum(a => a.Errors), Math.Round(all.Length / seconds, 1),
                    Percentile(all, 0.50), Percentile(all, 0.95), Percentile(all, 0.99), all.Length == 0 ? 0 : Math.Round(all[^1], 2), errors);
            }
            return stats;
        }
    }

    private Dictionary<string, ActionStats> PerAction(double seconds)
    {
        {
            return _series.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p =>
            {
                lock (p.Value)
                {
                    var sorted = p.Value.Latencies.ToArray();
                    Array.Sort(sorted);
                    var errors = p.Value.Errors.Values.Sum();
                    var count = sorted.Length + p.Value.Errors.GetValueOrDefault(DroppedKind);
                    return new ActionStats(count, errors, Math.Round(sorted.Length / seconds, 1),
                        Percentile(sorted, 0.50), Percentile(sorted, 0.95), Percentile(sorted, 0.99), sorted.Length == 0 ? 0 : Math.Round(sorted[^1], 2),
                        new Dictionary<string, long>(p.Value.Errors));
                }
            });
        }
    }

    /// <summary>Nearest-rank percentile.</summary>
    public static double Percentile(double[] sorted, double q) =>
        sorted.Length == 0 ? 0 : Math.Round(sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)], 2);
}
