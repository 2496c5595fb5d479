using System.Xml.Linq;

namespace Enclave.Bench.Load.Report;

/// <summary>
/// The report's self-check (the bench has no test project): round-trips a sample run through JSON, renders Markdown and
/// SVG, and checks concrete figures. Run by the load tool with <c>--selftest</c>; returns 0 when every check passes.
/// </summary>
public static class Selftest
{
    public static int Run()
    {
        var failures = new List<string>();
        var checks = 0;
        void Check(bool ok, string what)
        {
            checks++;
            if (!ok)
                failures.Add(what);
        }
        void Contains(string text, string expected, string where) => Check(text.Contains(expected, StringComparison.Ordinal), $"{where} lacks \"{expected}\"");

        var sample = SampleRun.Create();
        var path = Path.Combine(Path.GetTempPath(), $"enclave-load-selftest-{Environment.ProcessId}.json");
        try
        {
            ResultJson.Write(sample, path);
            var json = File.ReadAllText(path);
            var read = ResultJson.Read(path);
            Check(ResultJson.ToJson(read) == ResultJson.ToJson(sample), "JSON does not round-trip");
            Check(read.Steps[1].Actions["home"].ErrorsByKind["status 500"] == 2, "an error kind was lost in the round trip");
            Check(read.Steps.Count == 2 && read.Notes.Count == 2 && read.References?.SphereFeedSql is null, "lists or nulls changed in the round trip");
            Contains(json, "\"startedAt\"", "JSON");
            Contains(json, "\"sphere.next\"", "JSON");   // action names are data: not camel-cased

            var md = MarkdownReport.Render(read);
            Contains(md, "2026-11-22 10:06 UTC", "Markdown header");
            Contains(md, "Start-up: 1,234 ms", "Markdown header");
            Contains(md, "| home | 9,253 | 154 | 5.6 | 14.6 | 23.0 | 50.4 | 0 |", "Markdown step 1 actions");
            Contains(md, "| achieved rate/s | ok/s |", "Markdown steps: answers without error are counted apart");
            Contains(md, "3 (status 500: 2, timeout: 1)", "Markdown step 2 actions");
            Contains(md, "| 49,900 / 50,000 |", "Markdown streams");
            Contains(md, "| 12.3 | 48.2 | 123 | 1,503 |", "Markdown streams");
            Contains(md, "- Second note | with a pipe.", "Markdown notes");
            Check(md.Contains("| sphere feed SQL alone | — |", StringComparison.Ordinal), "a missing reference is not shown as —");

            var feed = SampleRun.Create(steps: 1, scenario: "home");
            Contains(MarkdownReport.Render(feed), "home@250: home 154 ok/s = 0.15× of SQL alone, 0.02× of HTTP ceiling", "Markdown ratios");
            // 30,000 arrivals in 25 s, 20,000 dropped by the in-flight cap, 10,000 answered (400 a second), 8,000 of them ok.
            var capped = feed with { Steps = [feed.Steps[0] with { DurationSeconds = 25, Actions = new Dictionary<string, ActionStats>
            {
                ["home"] = new(30_000, 22_000, 400, 5, 10, 20, 30, new Dictionary<string, long> { [Recorder.DroppedKind] = 20_000, ["timeout"] = 2_000 }),
            } }] };
            Contains(MarkdownReport.Render(capped), "home@250: home 320 ok/s", "Markdown ratios with dropped arrivals");
            Check(MarkdownReport.Ratio(310, 1000) == "0.31×", "Ratio(310, 1000)");
            Check(MarkdownReport.Ratio(45, 10_000) == "0.0045×", "Ratio(45, 10000)");
            Check(MarkdownReport.Ratio(25, 2.5) == "10×", "Ratio(25, 2.5)");
            Check(MarkdownReport.Ratio(1, 0) == "—", "Ratio(1, 0)");
            Check(Format.Ms(99.96) == "100" && Format.Ms(0.04) == "0.0" && Format.Ms(double.NaN) == "—", "Format.Ms edges");

            var svg = SvgChart.Render([("PG <100k> & co", read), ("SQLite 10k", SampleRun.Create("sqlite", 10_000, capacity: 600))],
                "Mix: latency vs load", "mix", targetP99Ms: 200);
            var doc = XDocument.Parse(svg);
            var ns = doc.Root!.Name.Namespace;
            Check(doc.Root.Name.LocalName == "svg", "SVG root is not <svg>");
            Check(doc.Descendants(ns + "polyline").Count() == 4, "SVG should draw p50 and p99 for two series");
            Contains(svg, "target p99", "SVG");
            Contains(svg, "hollow: errors", "SVG");
            Contains(svg, "PG &lt;100k&gt; &amp; co", "SVG legend escaping");
            Check(!svg.Contains("<script", StringComparison.OrdinalIgnoreCase) && !svg.Contains("href", StringComparison.Ordinal), "SVG must be self-contained");
            XDocument.Parse(SvgChart.Render([], "empty", "mix"));
        }
        catch (Exception e)
        {
            failures.Add($"threw {e.GetType().Name}: {e.Message}");
        }
        finally
        {
            File.Delete(path);
        }

        foreach (var failure in failures)
            Console.Error.WriteLine($"selftest FAILED: {failure}");
        Console.WriteLine(failures.Count == 0 ? $"selftest: {checks} checks passed" : $"selftest: {failures.Count} of {checks} checks failed");
        return failures.Count == 0 ? 0 : 1;
    }
}
