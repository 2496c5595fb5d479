using System.Globalization;

namespace Enclave.Bench.Load.Report;

/// <summary>Number formatting shared by the Markdown report and the chart: invariant culture, "—" for what was not measured.</summary>
internal static class Format
{
    public const string Missing = "—";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Count(long value) => value.ToString("N0", Invariant);

    /// <summary>One decimal below 100 (where it carries information), none above (where it is noise).</summary>
    public static string Ms(double? value)
    {
        if (value is not { } v || !double.IsFinite(v))
            return Missing;
        var rounded = Math.Round(v, 1);
        return Math.Abs(rounded) < 100 ? rounded.ToString("N1", Invariant) : v.ToString("N0", Invariant);
    }

    /// <summary>Rates follow the same rule as milliseconds: 12.5/s but 1,234/s.</summary>
    public static string Rate(double? value) => Ms(value);

    public static string Whole(double? value) =>
        value is { } v && double.IsFinite(v) ? v.ToString("N0", Invariant) : Missing;

    public static string Fixed(double? value, int decimals) =>
        value is { } v && double.IsFinite(v) ? v.ToString("F" + decimals.ToString(Invariant), Invariant) : Missing;

    /// <summary>Plain invariant number for SVG attributes: no separators, at most one decimal.</summary>
    public static string Svg(double value) => Math.Round(value, 1).ToString("0.#", Invariant);
}
