using System.Globalization;
using System.Text;

namespace Enclave.Bench.Load.Report;

/// <summary>Renders one run as a Markdown section: context, steps, actions per step, streams, references, notes.</summary>
public static class MarkdownReport
{
    public static string Render(RunResult run)
    {
        var md = new StringBuilder();
        WriteHeader(md, run);
        WriteSteps(md, run.Steps);
        foreach (var step in run.Steps)
            WriteActions(md, step);
        if (run.Streams is { } streams)
            WriteStreams(md, streams);
        if (run.References is { } references)
            ReferenceSection.Write(md, run.Steps, references);
        if (run.Notes.Count > 0)
        {
            md.AppendLine("**Notes**").AppendLine();
            foreach (var note in run.Notes)
                md.Append("- ").AppendLine(OneLine(note));
            md.AppendLine();
        }
        return md.ToString();
    }

    /// <summary>
    /// Answers without error a second of the step: a refusal, a timeout or an arrival dropped by the
    /// in-flight cap is no answer. The steps table and the ratio lines both count this way.
    /// </summary>
    internal static double OkPerSecond(long requests, long errors, double seconds) => seconds > 0 ? (requests - errors) / seconds : 0;

    /// <summary>
    /// Enclave's rate as a multiple of a reference's, e.g. "0.31×"; "—" when the reference is missing or zero.
    /// Two significant digits below 0.1 so a small fraction does not round to a meaningless "0.00×".
    /// </summary>
    public static string Ratio(double enclave, double reference)
    {
        if (!double.IsFinite(enclave) || !double.IsFinite(reference) || reference <= 0)
            return Format.Missing;
        var ratio = enclave / reference;
        var text = ratio switch
        {
            0 => "0",
            >= 10 => ratio.ToString("N0", CultureInfo.InvariantCulture),
            >= 0.1 => ratio.ToString("0.00", CultureInfo.InvariantCulture),
            _ => Math.Round(ratio, 1 - (int)Math.Floor(Math.Log10(ratio))).ToString("0.#########", CultureInfo.InvariantCulture),
        };
        return text + "×";
    }

    private static void WriteHeader(StringBuilder md, RunResult run)
    {
        var m = run.Machine;
        var w = run.World;
        var instances = run.Instances == 1 ? "1 instance" : $"{Format.Count(run.Instances)} instances";
        md.Append("### ").Append(run.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture))
            .Append(" · ").Append(run.Engine).Append(" · ").Append(Format.Count(w.Users)).Append(" users · ").AppendLine(instances)
            .AppendLine();
        md.Append("Machine: ").Append(Format.Count(m.Cores)).Append(" cores, ").Append(Format.Fixed(m.MemoryGiB, 1)).Append(" GiB, ")
            .Append(OneLine(m.Os)).Append(", ").Append(OneLine(m.Runtime)).Append(", load average ").Append(Format.Fixed(m.LoadAverageAtStart, 2))
            .Append(" at start. World: ").Append(Format.Count(w.Users)).Append(" users, ").Append(Format.Count(w.VirtualUsers))
            .Append(" virtual users").Append(w.Description.Length > 0 ? $" ({OneLine(w.Description)})" : "")
            .Append(". Start-up: ").Append(run.StartupMs is null ? Format.Missing : Format.Ms(run.StartupMs) + " ms").AppendLine(".")
            .AppendLine();
    }

    private static void WriteSteps(StringBuilder md, IReadOnlyList<StepResult> steps)
    {
        md.AppendLine("| step | target rate/s | achieved rate/s | ok/s | requests | errors (incl. dropped) | server CPU % | server peak RSS MiB | DB CPU % |")
            .AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var s in steps)
        {
            var errors = s.Dropped > 0 ? $"{Format.Count(s.Errors)} ({Format.Count(s.Dropped)} dropped)" : Format.Count(s.Errors);
            var ok = OkPerSecond(s.Requests, s.Errors, s.DurationSeconds);
            Row(md, Cell(s.Name), Format.Rate(s.TargetRate), Format.Rate(s.AchievedRate), Format.Rate(ok), Format.Count(s.Requests), errors,
                Format.Whole(s.Server.CpuPercent), Format.Whole(s.Server.PeakRssMiB), Format.Whole(s.Server.DatabaseCpuPercent));
        }
        md.AppendLine();
    }

    private static void WriteActions(StringBuilder md, StepResult step)
    {
        md.Append("#### ").AppendLine(OneLine(step.Name)).AppendLine()
            .AppendLine("| action | count | rate/s | p50 ms | p95 ms | p99 ms | max ms | errors |")
            .AppendLine("|---|--:|--:|--:|--:|--:|--:|---|");
        // Busiest first: the actions that shape the step's load are the ones read first.
        foreach (var (name, a) in step.Actions.OrderByDescending(p => p.Value.Count).ThenBy(p => p.Key, StringComparer.Ordinal))
        {
            // With no request there is no latency: a 0 would read as "instant".
            string Latency(double ms) => a.Count == 0 ? Format.Missing : Format.Ms(ms);
            Row(md, Cell(name), Format.Count(a.Count), Format.Rate(a.Rate), Latency(a.P50Ms), Latency(a.P95Ms), Latency(a.P99Ms),
                Latency(a.MaxMs), Cell(Errors(a)));
        }
        md.AppendLine();
    }

    /// <summary>"3 (status 500: 2, timeout: 1)": the total, then the kinds, most frequent first.</summary>
    internal static string Errors(ActionStats a)
    {
        if (a.ErrorsByKind.Count == 0)
            return Format.Count(a.Errors);
        var kinds = a.ErrorsByKind.OrderByDescending(k => k.Value).ThenBy(k => k.Key, StringComparer.Ordinal)
            .Select(k => $"{k.Key}: {Format.Count(k.Value)}");
        return $"{Format.Count(a.Errors)} ({string.Join(", ", kinds)})";
    }

    private static void WriteStreams(StringBuilder md, StreamResult s)
    {
        md.AppendLine("**Live streams**").AppendLine()
            .AppendLine("| open | failed | deliveries / expected | p50 ms | p95 ms | p99 ms | max ms | peak RSS MiB | crossed instances |")
            .AppendLine("|--:|--:|--:|--:|--:|--:|--:|--:|---|");
        var hasLatency = s.Deliveries > 0;
        Row(md, Format.Count(s.Open), Format.Count(s.Failed), $"{Format.Count(s.Deliveries)} / {Format.Count(s.Expected)}",
            hasLatency ? Format.Ms(s.P50Ms) : Format.Missing, hasLatency ? Format.Ms(s.P95Ms) : Format.Missing,
            hasLatency ? Format.Ms(s.P99Ms) : Format.Missing, hasLatency ? Format.Ms(s.MaxMs) : Format.Missing,
            Format.Whole(s.PeakRssMiB), s.CrossedInstances ? "yes" : "no");
        md.AppendLine();
    }

    internal static void Row(StringBuilder md, params string[] cells) =>
        md.Append("| ").Append(string.Join(" | ", cells)).AppendLine(" |");

    /// <summary>Free text inside a table cell: a pipe or a line break would end the cell or the row.</summary>
    internal static string Cell(string text) => OneLine(text).Replace("|", "\\|", StringComparison.Ordinal);

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
