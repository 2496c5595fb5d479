using System.Text;

namespace Enclave.Bench.Load.Report;

/// <summary>The references table and Enclave's feed rates as fractions of them.</summary>
internal static class ReferenceSection
{
    // The feed scenarios, the action that serves the feed, and the SQL reference it compares with.
    private static readonly (string Scenario, Func<References, DatabaseReference?> Sql)[] Feeds =
    [
        ("home", r => r.HomeFeedSql),
        ("sphere", r => r.SphereFeedSql),
    ];

    public static void Write(StringBuilder md, IReadOnlyList<StepResult> steps, References refs)
    {
        md.AppendLine("**References** (the machine without Enclave in the way)").AppendLine()
            .AppendLine("| reference | tool | rate/s | latency ms | statements/page |")
            .AppendLine("|---|---|--:|--:|--:|");
        Database(md, "home feed SQL alone", refs.HomeFeedSql);
        Database(md, "sphere feed SQL alone", refs.SphereFeedSql);
        if (refs.Http is { } http)
            MarkdownReport.Row(md, MarkdownReport.Cell($"HTTP ceiling ({http.Endpoint})"), MarkdownReport.Cell(http.Tool),
                Format.Rate(http.RequestsPerSecond), "p99 " + Format.Ms(http.P99Ms), Format.Missing);
        else
            MarkdownReport.Row(md, "HTTP ceiling", Format.Missing, Format.Missing, Format.Missing, Format.Missing);
        md.AppendLine();

        var lines = Ratios(steps, refs).ToList();
        if (lines.Count == 0)
            return;
        md.AppendLine("**Enclave against the references**").AppendLine();
        foreach (var line in lines)
            md.Append("- ").AppendLine(line);
        md.AppendLine();
    }

    private static void Database(StringBuilder md, string label, DatabaseReference? r)
    {
        if (r is null)
            MarkdownReport.Row(md, label, Format.Missing, Format.Missing, Format.Missing, Format.Missing);
        else
            MarkdownReport.Row(md, label, MarkdownReport.Cell(r.Tool), Format.Rate(r.PagesPerSecond), "avg " + Format.Ms(r.AvgLatencyMs),
                Format.Count(r.StatementsPerPage));
    }

    /// <summary>
    /// "home@1500: home 465 ok/s = 0.31× of SQL alone, 0.04× of HTTP ceiling", one line per feed step.
    /// Only the pages answered without error count: a refusal or a timeout is no page served. A feed's
    /// pages are its first pages and the next ones.
    /// </summary>
    private static IEnumerable<string> Ratios(IReadOnlyList<StepResult> steps, References refs)
    {
        foreach (var step in steps)
        {
            foreach (var (scenario, sql) in Feeds)
            {
                // A feed's pages: its first pages and the next ones (sphere and sphere.next).
                var pages = step.Actions.Where(a => a.Key == scenario || a.Key == scenario + ".next").Select(a => a.Value).ToList();
                if (step.Scenario != scenario || pages.Count == 0)
                    continue;
                // Of the step's whole duration, like its ok/s column: the action's Rate counts answers only,
                // its Count the dropped arrivals too, so a share of one applied to the other was wrong.
                var ok = pages.Sum(a => MarkdownReport.OkPerSecond(a.Count, a.Errors, step.DurationSeconds));
                var ofSql = sql(refs) is { } db ? MarkdownReport.Ratio(ok, db.PagesPerSecond) : Format.Missing;
                var ofHttp = refs.Http is { } http ? MarkdownReport.Ratio(ok, http.RequestsPerSecond) : Format.Missing;
                yield return $"{MarkdownReport.Cell(step.Name)}: {scenario} {Format.Rate(ok)} ok/s = {ofSql} of SQL alone, {ofHttp} of HTTP ceiling";
            }
        }
    }
}
