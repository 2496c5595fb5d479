namespace Enclave.Bench.Load.Report;

/// <summary>The chart's two axes: linear throughput with 1-2-5 steps, logarithmic latency with 1-2-5 ticks per decade.</summary>
internal static class ChartScale
{
    /// <summary>A round tick step (1, 2 or 5 × 10^k) giving about <paramref name="ticks"/> intervals up to <paramref name="max"/>.</summary>
    public static double LinearStep(double max, int ticks)
    {
        if (!(max > 0))
            return 1;
        var raw = max / ticks;
        var decade = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var mantissa = raw / decade;
        return decade * (mantissa <= 1 ? 1 : mantissa <= 2 ? 2 : mantissa <= 5 ? 5 : 10);
    }

    /// <summary>
    /// Decades spanning the data: from 1 ms (or the decade below, if something was faster) to at least 1 s, so charts of
    /// different runs look alike and a fast run is not stretched into looking slow.
    /// </summary>
    public static (double Low, double High) LogRange(IEnumerable<double> values)
    {
        var positive = values.Where(v => v > 0 && double.IsFinite(v)).ToList();
        var low = positive.Count == 0 ? 1 : Math.Min(1, Math.Pow(10, Math.Floor(Math.Log10(positive.Min()))));
        var high = positive.Count == 0 ? 1000 : Math.Max(1000, Math.Pow(10, Math.Ceiling(Math.Log10(positive.Max()))));
        return (low, high);
    }

    public static IEnumerable<double> LogTicks(double low, double high)
    {
        for (var decade = low; decade < high * 1.0001; decade *= 10)
        {
            foreach (var m in new[] { 1.0, 2.0, 5.0 })
            {
                var v = decade * m;
                if (v <= high * 1.0001)
                    yield return v;
            }
        }
    }

    public static bool IsDecade(double v) => Math.Abs(Math.Log10(v) - Math.Round(Math.Log10(v))) < 1e-9;

    /// <summary>"500 ms", "1 s", "0.5 ms": the unit that keeps the label short.</summary>
    public static string LatencyLabel(double ms) =>
        ms >= 1000 ? Format.Svg(ms / 1000) + " s" : (ms >= 1 ? Format.Whole(ms) : ms.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)) + " ms";
}
