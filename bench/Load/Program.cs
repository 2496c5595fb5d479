using System.Diagnostics;
using System.Text.Json;
using Enclave.Bench.Load;

// The organization-scale load benchmark (issue #5): virtual users of a seeded world sign in, then
// open-loop load steps run one after the other; live streams are opened before the `active` steps
// and a dedicated delivery phase measures how fast a new post reaches every connected reader.
// See docs/PERFORMANCE.md for the commands (bench/load.sh runs this with everything around it).

if (args is ["chart", ..]) return Chart.Run(args[1..]);

Options options;
try { options = Options.Parse(args); }
catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
{
    Console.Error.WriteLine($"load: {e.Message}");
    return 2;
}
if (options.SelfTest) return Enclave.Bench.Load.Report.Selftest.Run();

ThreadPool.SetMinThreads(64, 64);
using var runDeadline = new CancellationTokenSource(Options.MaxRunTime);
var ct = runDeadline.Token;
var startedAt = DateTimeOffset.UtcNow;
var machine = Machine.Describe();
using var api = new Api(options.RequestTimeout);
await using var probe = new ProcessProbe(options.ServerPids, options.DatabaseProcessName);

Console.Error.WriteLine($"load: {options.VirtualUsers:N0} virtual users over {options.Urls.Count} instance(s), steps {string.Join(", ", options.Steps.Select(s => s.Name))}");
var users = await SignIn.AllAsync(options, api, ct);
var world = new World(users, options.WorldUsers);
Console.Error.WriteLine($"  big global sphere {world.BigGlobal}: read by {world.BigGlobalReaders:N0} of the virtual users");
var actions = new Actions(api, options.Urls, world);

if (options.WarmupSeconds > 0)
{
    // JIT, connection pools, database caches: measured by nobody.
    var warm = await OpenLoop.RunAsync(new StepPlan(Scenario.Mix, Math.Min(100, options.Steps.Select(s => s.Amount).DefaultIfEmpty(50).Min())),
        options.WarmupSeconds, options, actions, users, probe, options.Seed - 1, ct);
    Console.Error.WriteLine($"  warm-up: {warm.Requests:N0} requests, {warm.Errors:N0} errors");
}

var steps = new List<StepResult>();
async Task RunStepsAsync(IEnumerable<StepPlan> plans)
{
    foreach (var plan in plans)
    {
        // Active users act every THINK_SECONDS on average: the step lasts long enough for each to act about twice.
        var seconds = plan.Scenario == Scenario.Active ? Math.Max(options.StepSeconds, 2 * options.ThinkSeconds) : options.StepSeconds;
        var result = await OpenLoop.RunAsync(plan, seconds, options, actions, users, probe, options.Seed + steps.Count, ct);
        steps.Add(result);
        var worst = result.Actions.Values.Select(a => a.P99Ms).DefaultIfEmpty(0).Max();
        Console.Error.WriteLine($"  {result.Name,-16} {result.AchievedRate,8:N1} req/s  errors {result.Errors,5:N0}  worst p99 {worst,8:N1} ms  server CPU {result.Server.CpuPercent,5:N0}%  RSS {result.Server.PeakRssMiB,6:N0} MiB");
    }
}

await RunStepsAsync(options.Steps.Where(s => s.Scenario != Scenario.Active));

StreamResult? streams = null;
LiveStreams? live = null;
if (options.Streams > 0)
{
    live = new LiveStreams(options.Urls, world);
    var opening = Stopwatch.StartNew();
    await live.OpenAsync(users.Take(options.Streams), TimeSpan.FromMinutes(5));
    Console.Error.WriteLine($"  {live.Open:N0} live streams open in {opening.Elapsed.TotalSeconds:N1} s ({live.Failed:N0} failed)");
    streams = await Delivery.MeasureAsync(options, api, world, live, probe, ct);
    Console.Error.WriteLine($"  delivery: {streams.Deliveries:N0}/{streams.Expected:N0}  p50 {streams.P50Ms:N1} ms  p99 {streams.P99Ms:N1} ms  max {streams.MaxMs:N1} ms");
}

await RunStepsAsync(options.Steps.Where(s => s.Scenario == Scenario.Active));
if (live is not null)
{
    // Streams that died during the later steps count as failed too.
    streams = streams! with { Failed = live.Failed };
    await live.DisposeAsync();
}

References? references = null;
if (options.ReferencesPath is not null && File.Exists(options.ReferencesPath))
    references = JsonSerializer.Deserialize<References>(File.ReadAllText(options.ReferencesPath), JsonSerializerOptions.Web);

var notes = new List<string>(options.Notes)
{
    $"Peak resident memory of a server over the whole run: {probe.OverallPeakRssMiB:N0} MiB.",
};
var run = new RunResult(startedAt, machine, options.Engine, new WorldInfo(options.WorldUsers, options.VirtualUsers, options.WorldDescription),
    options.Urls.Count, options.StartupMs, steps, streams, references, notes);
Directory.CreateDirectory(options.OutDirectory);
Enclave.Bench.Load.Report.ResultJson.Write(run, Path.Combine(options.OutDirectory, "result.json"));
File.WriteAllText(Path.Combine(options.OutDirectory, "result.md"), Enclave.Bench.Load.Report.MarkdownReport.Render(run));
Console.Error.WriteLine($"load: wrote {Path.Combine(options.OutDirectory, "result.json")} and result.md");
// --fail-on-errors (the smoke run): any failed request, lost stream, missing delivery, or two
// instances whose events did not cross, fails the run.
var problems = new List<string>();
if (steps.Sum(s => s.Errors) is var failedRequests and > 0) problems.Add($"{failedRequests} failed requests");
if (streams is not null)
{
    if (streams.Failed > 0) problems.Add($"{streams.Failed} live streams failed");
    if (streams.Deliveries < streams.Expected) problems.Add($"{streams.Expected - streams.Deliveries} deliveries missing");
    if (options.Urls.Count > 1 && !streams.CrossedInstances) problems.Add("no live event crossed instances");
}
foreach (var problem in problems) Console.Error.WriteLine($"load: {problem}");
return options.FailOnErrors && problems.Count > 0 ? 1 : 0;
