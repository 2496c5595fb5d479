using System.Text.RegularExpressions;

namespace Enclave.Tests.Access.Watertightness;

/// <summary>Groups failure messages by endpoint shape and kind of disagreement, so one bug reads as one line.</summary>
public static partial class FailureSummary
{
    public static string ByEndpoint(IEnumerable<string> failures) =>
        string.Join("\n", failures.Select(Key).GroupBy(k => k).OrderByDescending(g => g.Count()).Select(g => $"  {g.Count(),5} × {g.Key}"));

    private static string Key(string failure)
    {
        var lines = failure.Split('\n');
        var path = IdPattern().Replace(lines[1].Trim(), "{id}");
        path = QueryPattern().Replace(path, "");
        var expected = lines[2].Trim();
        var actual = lines[3].Trim();
        string Kind(string s) => s.Contains("status") ? s[..Math.Min(s.Length, s.IndexOf("status", StringComparison.Ordinal) + 10)].Trim()
            : s.Contains("items") ? "items" : s.StartsWith("nodes", StringComparison.Ordinal) ? "nodes" : s.Split('=')[0];
        return $"{path}: {Kind(expected)} / {Kind(actual)}";
    }

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"\?.*$")]
    private static partial Regex QueryPattern();
}
