using System.Globalization;
using Enclave.Bench.Load.Report;

namespace Enclave.Bench.Load;

/// <summary>
/// <c>Load.dll chart --out FILE.svg [--scenario mix] [--title T] [--target-p99 MS] LABEL=result.json …</c>:
/// draws the latency-vs-load curves of several runs (engines, instance counts) into one SVG.
/// </summary>
public static class Chart
{
    public static int Run(string[] args)
    {
        string? output = null, title = null;
        var scenario = "mix";
        double? target = null;
        var series = new List<(string, RunResult)>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--out" when i + 1 < args.Length: output = args[++i]; break;
                case "--scenario" when i + 1 < args.Length: scenario = args[++i]; break;
                case "--title" when i + 1 < args.Length: title = args[++i]; break;
                case "--target-p99" when i + 1 < args.Length: target = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
                default:
                    var eq = args[i].IndexOf('=', StringComparison.Ordinal);
                    if (eq <= 0) { Console.Error.WriteLine($"chart: '{args[i]}' is not LABEL=result.json"); return 2; }
                    series.Add((args[i][..eq], ResultJson.Read(args[i][(eq + 1)..])));
                    break;
            }
        }
        if (output is null || series.Count == 0) { Console.Error.WriteLine("usage: chart --out FILE.svg [--scenario mix] [--title T] [--target-p99 MS] LABEL=result.json …"); return 2; }
        File.WriteAllText(output, SvgChart.Render(series, title ?? $"Latency against load ({scenario})", scenario, target));
        Console.Error.WriteLine($"chart: wrote {output}");
        return 0;
    }
}
