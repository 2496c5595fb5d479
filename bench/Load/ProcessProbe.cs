using System.Diagnostics;
using System.Globalization;

namespace Enclave.Bench.Load;

/// <summary>
/// Samples CPU time and resident memory of the servers, the database server's processes and the
/// load generator itself from /proc, four times a second, for one step at a time.
/// </summary>
public sealed class ProcessProbe : IAsyncDisposable
{
    private static readonly double TicksPerSecond = 100; // USER_HZ: 100 on every Linux build we run on
    private readonly IReadOnlyList<int> _servers;
    private readonly string? _databaseName;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampler;
    private double _peakRssMiB;
    private double _overallPeakRssMiB;
    private readonly Lock _lock = new();

    public ProcessProbe(IReadOnlyList<int> servers, string? databaseName)
    {
        _servers = servers;
        _databaseName = databaseName;
        _sampler = Task.Run(SampleAsync);
    }

    public double OverallPeakRssMiB { get { lock (_lock) return _overallPeakRssMiB; } }

    /// <summary>Starts measuring a window; dispose the returned window to read it.</summary>
    public Window Begin()
    {
        lock (_lock) _peakRssMiB = CurrentRssMiB();
        return new Window(this, Stopwatch.GetTimestamp(), ServerTicks(), DatabaseTicks(), Process.GetCurrentProcess().TotalProcessorTime);
    }

    public sealed class Window(ProcessProbe probe, long start, double serverTicks, double databaseTicks, TimeSpan selfCpu)
    {
        public ServerStats End()
        {
            var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            double peak;
            lock (probe._lock) peak = Math.Max(probe._peakRssMiB, probe.CurrentRssMiB());
            var self = (Process.GetCurrentProcess().TotalProcessorTime - selfCpu).TotalSeconds;
            return new ServerStats(
                CpuPercent: Percent(probe.ServerTicks() - serverTicks, seconds),
                PeakRssMiB: Math.Round(peak, 1),
                DatabaseCpuPercent: Percent(probe.DatabaseTicks() - databaseTicks, seconds),
                LoadGeneratorCpuPercent: Math.Round(100 * self / seconds, 1));
        }
    }

    private static double Percent(double ticks, double seconds) => seconds <= 0 ? 0 : Math.Round(100 * ticks / TicksPerSecond / seconds, 1);

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                var rss = CurrentRssMiB();
                lock (_lock)
                {
                    _peakRssMiB = Math.Max(_peakRssMiB, rss);
                    _overallPeakRssMiB = Math.Max(_overallPeakRssMiB, rss);
                }
            }
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>The largest resident set among the servers (each instance has its own budget).</summary>
    private double CurrentRssMiB() => _servers.Count == 0 ? 0 : _servers.Max(pid => StatusKiB(pid, "VmRSS:") / 1024.0);

    private double ServerTicks() => _servers.Sum(CpuTicks);

    private double DatabaseTicks()
    {
        if (_databaseName is null) return 0;
        double sum = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            // With the reaped children's time: PostgreSQL's backends come and go with connections,
            // and a backend that exits takes its CPU time into the postmaster's cutime and cstime.
            // Without it a step during which connections closed showed a negative database CPU.
            if (ReadOrEmpty($"/proc/{pid}/comm").Trim() == _databaseName) sum += CpuTicks(pid, withReapedChildren: true);
        }
        return sum;
    }

    /// <summary>
    /// utime + stime of a process (fields 14 and 15 of /proc/pid/stat), and with
    /// <paramref name="withReapedChildren"/> cutime + cstime too (16 and 17), in clock ticks.
    /// </summary>
    private static double CpuTicks(int pid) => CpuTicks(pid, withReapedChildren: false);

    private static double CpuTicks(int pid, bool withReapedChildren)
    {
        var stat = ReadOrEmpty($"/proc/{pid}/stat");
        var close = stat.LastIndexOf(')');
        if (close < 0) return 0;
        var fields = stat[(close + 2)..].Split(' ');
        // After "pid (comm) ", field 3 (state) is index 0, so utime (14) is index 11.
        return fields.Length > 14 ? fields.Skip(11).Take(withReapedChildren ? 4 : 2).Sum(f => double.Parse(f, CultureInfo.InvariantCulture)) : 0;
    }

    private static double StatusKiB(int pid, string key)
    {
        foreach (var line in ReadOrEmpty($"/proc/{pid}/status").Split('\n'))
            if (line.StartsWith(key, StringComparison.Ordinal))
                return double.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        return 0;
    }

    private static string ReadOrEmpty(string path)
    {
        try { return File.ReadAllText(path); }
        catch (IOException) { return ""; }
        catch (UnauthorizedAccessException) { return ""; }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampler;
        _stop.Dispose();
    }
}
