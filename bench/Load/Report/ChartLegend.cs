using System.Text;

namespace Enclave.Bench.Load.Report;

/// <summary>The chart's legend (series, then the line and marker key) and its marker shapes.</summary>
internal static class ChartLegend
{
    private const int MaxLabelChars = 20;   // what fits between the legend column and the edge at 12 px

    public static void Write(StringBuilder svg, IReadOnlyList<string> labels, int x, int top, bool hasTarget)
    {
        var y = top + 10;
        for (var i = 0; i < labels.Count; i++, y += 20)
        {
            var colour = SvgChart.Colour(i);
            svg.AppendLine($"<line x1=\"{x}\" y1=\"{y}\" x2=\"{x + 28}\" y2=\"{y}\" stroke=\"{colour}\" stroke-width=\"2.5\"/>")
                .AppendLine(Marker(i, x + 14, y, 4.5, colour, hollow: false))
                .AppendLine($"<text x=\"{x + 36}\" y=\"{y}\" dy=\"0.35em\">{SvgChart.Escape(Shorten(labels[i]))}</text>");
        }
        y += 10;
        Key(svg, x, ref y, "p99", "stroke-width=\"2.5\"");
        Key(svg, x, ref y, "p50", "stroke-width=\"1.5\" stroke-dasharray=\"6 4\"");
        if (hasTarget)
            Key(svg, x, ref y, "target p99", "stroke=\"#555\" stroke-width=\"1.5\" stroke-dasharray=\"2 3\"");
        svg.AppendLine(Marker(0, x + 7, y, 4.5, "#444", hollow: false))
            .AppendLine(Marker(0, x + 21, y, 4.5, "#444", hollow: true))
            .AppendLine($"<text x=\"{x + 36}\" y=\"{y}\" dy=\"0.35em\">no errors / errors</text>");
    }

    private static void Key(StringBuilder svg, int x, ref int y, string label, string style)
    {
        var stroke = style.Contains("stroke=", StringComparison.Ordinal) ? "" : " stroke=\"#444\"";
        svg.AppendLine($"<line x1=\"{x}\" y1=\"{y}\" x2=\"{x + 28}\" y2=\"{y}\"{stroke} {style}/>")
            .AppendLine($"<text x=\"{x + 36}\" y=\"{y}\" dy=\"0.35em\">{label}</text>");
        y += 20;
    }

    /// <summary>Circle, square, triangle, diamond by series, so series differ by more than colour; hollow for a step with errors.</summary>
    public static string Marker(int series, double cx, double cy, double r, string colour, bool hollow)
    {
        var paint = hollow ? $"fill=\"#fff\" stroke=\"{colour}\" stroke-width=\"1.5\"" : $"fill=\"{colour}\"";
        string P(double dx, double dy) => $"{Format.Svg(cx + dx)},{Format.Svg(cy + dy)}";
        return (series % 4) switch
        {
            0 => $"<circle cx=\"{Format.Svg(cx)}\" cy=\"{Format.Svg(cy)}\" r=\"{Format.Svg(r)}\" {paint}/>",
            1 => $"<rect x=\"{Format.Svg(cx - r)}\" y=\"{Format.Svg(cy - r)}\" width=\"{Format.Svg(2 * r)}\" height=\"{Format.Svg(2 * r)}\" {paint}/>",
            2 => $"<polygon points=\"{P(0, -r * 1.2)} {P(r * 1.1, r * 0.8)} {P(-r * 1.1, r * 0.8)}\" {paint}/>",
            _ => $"<polygon points=\"{P(0, -r * 1.3)} {P(r * 1.3, 0)} {P(0, r * 1.3)} {P(-r * 1.3, 0)}\" {paint}/>",
        };
    }

    private static string Shorten(string label) => label.Length <= MaxLabelChars ? label : label[..(MaxLabelChars - 1)] + "…";
}
