using System.Diagnostics;

namespace Enclave.Server.Seeding;

/// <summary>
/// The progress bar on standard error: per table, rows written and rows per second, and the
/// posts' completion. Redrawn in place on a terminal, at most twice a second; one line every
/// five seconds when standard error is a file or a pipe.
/// </summary>
public sealed class SeedProgress(TextWriter output, bool interactive, long expectedPosts)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Dictionary<string, (long Rows, TimeSpan Started, TimeSpan Busy)> _tables = [];
    private readonly List<string> _order = [];
    private TimeSpan _lastDraw = TimeSpan.FromHours(-1);

    public TimeSpan Elapsed => _clock.Elapsed;

    public IReadOnlyDictionary<string, long> Counts => _tables.ToDictionary(t => t.Key, t => t.Value.Rows);

    /// <summary>Counts a batch and the time the database took to take it (so a table's rate is its own, not diluted by the others).</summary>
    public void Add(string table, int rows, TimeSpan spent)
    {
        if (!_tables.TryGetValue(table, out var entry))
        {
            _order.Add(table);
            entry = (0, _clock.Elapsed, TimeSpan.Zero);
        }
        _tables[table] = (entry.Rows + rows, entry.Started, entry.Busy + spent);
        Draw(force: false);
    }

    public void Draw(bool force)
    {
        var now = _clock.Elapsed;
        if (!force && now - _lastDraw < TimeSpan.FromMilliseconds(interactive ? 500 : 5000)) return;
        _lastDraw = now;
        var posts = _tables.GetValueOrDefault("posts").Rows;
        var percent = expectedPosts == 0 ? 100 : 100.0 * posts / expectedPosts;
        var filled = (int)Math.Round(percent / 5);
        var bar = $"[{new string('#', filled)}{new string('.', 20 - filled)}] {percent,5:0.0}% {now:hh\\:mm\\:ss}";
        var total = _tables.Values.Sum(t => t.Rows);
        bar += $" {total:N0} rows ({total / Math.Max(0.001, now.TotalSeconds):N0}/s)";
        var tables = string.Join("  ", _order.Select(t => $"{t} {_tables[t].Rows:N0} ({Rate(t):N0}/s)"));
        if (interactive) output.Write($"\r\u001b[2K{bar}  {tables}");
        else output.WriteLine($"{bar}  {tables}");
        output.Flush();
    }

    /// <summary>Rows per second of one table: its rows over the time spent writing them (generation excluded).</summary>
    public double Rate(string table)
    {
        var entry = _tables.GetValueOrDefault(table);
        return entry.Busy.TotalSeconds < 0.001 ? entry.Rows : entry.Rows / entry.Busy.TotalSeconds;
    }

    public void Done()
    {
        Draw(force: true);
        if (interactive) output.WriteLine();
    }
}
