using System.Text;

namespace Enclave.Bench.Load.Report;

/// <summary>
/// The latency-versus-load curve of one scenario as a self-contained SVG (no script, no external font or style): achieved
/// throughput across, latency on a log scale up, p99 solid and p50 dashed for every series.
/// </summary>
public static class SvgChart
{
    private const int Width = 800, Height = 480;
    private const int Left = 76, Top = 44, Right = 596, Bottom = 404;   // the plot area
    private const int LegendX = 614;

    // Okabe–Ito, without the yellow that vanishes on white; each series also gets its own marker shape.
    private static readonly string[] Palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"];

    private sealed record Point(double Rate, double P50, double P99, bool Errors);

    public static string Render(IReadOnlyList<(string Label, RunResult Run)> series, string title, string scenario, double? targetP99Ms = null)
    {
        var points = series.Select(s => Points(s.Run, scenario)).ToList();
        var all = points.SelectMany(p => p).ToList();
        var latencies = all.SelectMany(p => new[] { p.P50, p.P99 }).ToList();
        if (targetP99Ms is { } t)
            latencies.Add(t);
        var (low, high) = ChartScale.LogRange(latencies);
        var xStep = ChartScale.LinearStep(all.Count == 0 ? 0 : all.Max(p => p.Rate) * 1.05, 6);
        var xMax = Math.Max(xStep, Math.Ceiling((all.Count == 0 ? 0 : all.Max(p => p.Rate) * 1.05) / xStep) * xStep);
        double X(double rate) => Left + (Right - Left) * Math.Clamp(rate / xMax, 0, 1);
        double Y(double ms) => Bottom - (Bottom - Top) * Math.Clamp(Math.Log10(Math.Max(ms, low) / low) / Math.Log10(high / low), 0, 1);

        var svg = new StringBuilder();
        svg.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" ")
            .AppendLine("font-family=\"sans-serif\" font-size=\"12\" fill=\"#222\">")
            .AppendLine($"<title>{Escape(title)}</title>")
            .AppendLine($"<rect width=\"{Width}\" height=\"{Height}\" fill=\"#fff\"/>")
            .AppendLine($"<text x=\"{Left}\" y=\"26\" font-size=\"16\" font-weight=\"bold\">{Escape(title)}</text>");
        Grid(svg, low, high, xStep, xMax, X, Y);
        if (targetP99Ms is { } target)
        {
            var y = Format.Svg(Y(target));
            svg.AppendLine($"<line x1=\"{Left}\" y1=\"{y}\" x2=\"{Right}\" y2=\"{y}\" stroke=\"#555\" stroke-width=\"1.5\" stroke-dasharray=\"2 3\"/>")
                // Top left of the line: low load has low latency, so the corner above the target is usually empty. The
                // white halo keeps the label legible where a curve crosses it anyway.
                .AppendLine($"<text x=\"{Left + 6}\" y=\"{Format.Svg(Y(target) - 6)}\" fill=\"#555\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">target p99 {Escape(ChartScale.LatencyLabel(target))}</text>");
        }
        for (var i = 0; i < points.Count; i++)
            Series(svg, points[i], i, X, Y);
        if (all.Count == 0)
            svg.AppendLine($"<text x=\"{(Left + Right) / 2}\" y=\"{(Top + Bottom) / 2}\" text-anchor=\"middle\" fill=\"#888\">no step of scenario “{Escape(scenario)}”</text>");
        ChartLegend.Write(svg, series.Select(s => s.Label).ToList(), LegendX, Top, targetP99Ms is not null);
        var notes = new List<string>();
        if (all.Any(p => p.Errors))
            notes.Add("hollow: errors");
        if (series.Any(s => s.Run.Steps.Any(st => st.Scenario == scenario && !st.Actions.ContainsKey(scenario) && !st.Actions.ContainsKey(Recorder.AllRequests))))
            notes.Add("several actions per step: the slowest action's p50 and p99 (an upper bound of the step's)");
        svg.AppendLine($"<text x=\"{Left}\" y=\"{Height - 10}\" font-size=\"11\" fill=\"#555\">{Escape(string.Join(" · ", notes))}</text>")
            .AppendLine("</svg>");
        return svg.ToString();
    }

    /// <summary>
    /// A step's latency: the action named after the scenario ("home" in a home step), or every request of a mix
    /// (<see cref="Recorder.AllRequests"/>, written by the generator); for older results without it, the slowest
    /// action's p50 and p99, because per-action percentiles cannot be merged exactly and the worst is an upper bound.
    /// </summary>
    private static List<Point> Points(RunResult run, string scenario) =>
        run.Steps.Where(s => s.Scenario == scenario).OrderBy(s => s.TargetRate).Select(s =>
        {
            var measured = (s.Actions.TryGetValue(scenario, out var own) || s.Actions.TryGetValue(Recorder.AllRequests, out own)) && own.Count > 0
                ? [own]
                : s.Actions.Values.Where(a => a.Count > 0).ToList();
            return measured.Count == 0 || !double.IsFinite(s.AchievedRate)
                ? null
                : new Point(s.AchievedRate, measured.Max(a => a.P50Ms), measured.Max(a => a.P99Ms), s.Errors > 0);
        }).OfType<Point>().ToList();

    private static void Grid(StringBuilder svg, double low, double high, double xStep, double xMax, Func<double, double> x, Func<double, double> y)
    {
        foreach (var ms in ChartScale.LogTicks(low, high))
        {
            var major = ChartScale.IsDecade(ms);
            var py = Format.Svg(y(ms));
            svg.AppendLine($"<line x1=\"{Left}\" y1=\"{py}\" x2=\"{Right}\" y2=\"{py}\" stroke=\"{(major ? "#c8c8c8" : "#ececec")}\"/>")
                .AppendLine($"<text x=\"{Left - 6}\" y=\"{py}\" dy=\"0.35em\" text-anchor=\"end\" font-size=\"11\"{(major ? "" : " fill=\"#777\"")}>{Escape(ChartScale.LatencyLabel(ms))}</text>");
        }
        for (var rate = 0.0; rate <= xMax + xStep / 1000; rate += xStep)
        {
            var px = Format.Svg(x(rate));
            svg.AppendLine($"<line x1=\"{px}\" y1=\"{Top}\" x2=\"{px}\" y2=\"{Bottom}\" stroke=\"#ececec\"/>")
                .AppendLine($"<text x=\"{px}\" y=\"{Bottom + 18}\" text-anchor=\"middle\" font-size=\"11\">{Format.Whole(rate)}</text>");
        }
        svg.AppendLine($"<rect x=\"{Left}\" y=\"{Top}\" width=\"{Right - Left}\" height=\"{Bottom - Top}\" fill=\"none\" stroke=\"#444\"/>")
            .AppendLine($"<text x=\"{(Left + Right) / 2}\" y=\"{Bottom + 40}\" text-anchor=\"middle\">achieved throughput (requests/s)</text>")
            .AppendLine($"<text transform=\"rotate(-90 16 {(Top + Bottom) / 2})\" x=\"16\" y=\"{(Top + Bottom) / 2}\" text-anchor=\"middle\">latency (log scale)</text>");
    }

    private static void Series(StringBuilder svg, List<Point> points, int index, Func<double, double> x, Func<double, double> y)
    {
        var colour = Palette[index % Palette.Length];
        string Line(Func<Point, double> value) => string.Join(" ", points.Select(p => $"{Format.Svg(x(p.Rate))},{Format.Svg(y(value(p)))}"));
        svg.AppendLine($"<polyline points=\"{Line(p => p.P50)}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>")
            .AppendLine($"<polyline points=\"{Line(p => p.P99)}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2.5\"/>");
        foreach (var p in points)
        {
            svg.AppendLine(ChartLegend.Marker(index, x(p.Rate), y(p.P50), 3, colour, p.Errors))
                .AppendLine(ChartLegend.Marker(index, x(p.Rate), y(p.P99), 4.5, colour, p.Errors));
        }
    }

    internal static string Colour(int index) => Palette[index % Palette.Length];

    internal static string Escape(string text) => new StringBuilder(text.Length)
        .Append(text).Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;").Replace("'", "&apos;")
        .ToString();
}
