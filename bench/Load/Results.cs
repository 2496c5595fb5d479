namespace Enclave.Bench.Load;

// The benchmark's result, written as JSON (camelCase) and rendered as Markdown and an SVG chart.
// Every figure here was measured in the run that wrote the file; nothing is estimated.

/// <summary>One whole run: where it ran, the world it ran against, every load step, the references.</summary>
public sealed record RunResult(
    DateTimeOffset StartedAt,
    MachineInfo Machine,
    string Engine,               // "sqlite" or "postgres"
    WorldInfo World,
    int Instances,               // Enclave servers the load was split between
    double? StartupMs,           // process start to /health/ready answering, on the existing database
    IReadOnlyList<StepResult> Steps,
    StreamResult? Streams,       // the held-open live streams and the delivery of new posts to them
    References? References,
    IReadOnlyList<string> Notes);

public sealed record MachineInfo(int Cores, double MemoryGiB, string Os, string Runtime, double LoadAverageAtStart);

public sealed record WorldInfo(int Users, int VirtualUsers, string Description);

/// <summary>
/// One load step: arrivals at a fixed target rate (open loop, Poisson) for a fixed time. Latency is
/// measured from each request's <em>scheduled</em> start, so a slow server cannot hide its delay.
/// </summary>
public sealed record StepResult(
    string Name,                 // e.g. "mix@500", "home@1500", "post@500", "active-5000"
    string Scenario,             // "mix", "home", "sphere", "post", "search", "active"
    double TargetRate,           // requests scheduled per second
    double DurationSeconds,
    double AchievedRate,         // requests completed per second (successes and errors)
    long Requests,
    long Errors,
    long Dropped,                // arrivals not started because the in-flight cap was reached (counted as errors too)
    IReadOnlyDictionary<string, ActionStats> Actions,   // by action name: "home", "sphere", "sphere.next", "post", "comments", ...
    ServerStats Server);

public sealed record ActionStats(long Count, long Errors, double Rate, double P50Ms, double P95Ms, double P99Ms, double MaxMs,
    IReadOnlyDictionary<string, long> ErrorsByKind);   // "status 500", "timeout", "connection", ...

/// <summary>Summed over every Enclave instance of the run: CPU in percent of one core, peak resident memory per instance.</summary>
public sealed record ServerStats(double CpuPercent, double PeakRssMiB, double DatabaseCpuPercent, double LoadGeneratorCpuPercent);

public sealed record StreamResult(int Open, int Failed, long Deliveries, long Expected, double P50Ms, double P95Ms, double P99Ms, double MaxMs,
    double PeakRssMiB, bool CrossedInstances);

/// <summary>What the machine does without Enclave in the way: the feed SQL alone, and HTTP alone.</summary>
public sealed record References(DatabaseReference? HomeFeedSql, DatabaseReference? SphereFeedSql, HttpReference? Http);

public sealed record DatabaseReference(string Tool, double PagesPerSecond, double AvgLatencyMs, int StatementsPerPage);

public sealed record HttpReference(string Tool, string Endpoint, double RequestsPerSecond, double P99Ms);
