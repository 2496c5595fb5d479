namespace Enclave.Bench.Load.Report;

/// <summary>A made-up but plausible run for the self-check and for looking at the chart; never written as a real result.</summary>
internal static class SampleRun
{
    /// <summary>
    /// <paramref name="steps"/> mix steps at 250, 500, 750... requests/s (or home and sphere steps), with latency that
    /// grows as the step nears <paramref name="capacity"/> and errors past it.
    /// </summary>
    public static RunResult Create(string engine = "postgres", int users = 100_000, int instances = 1, double capacity = 1000,
        int steps = 2, string scenario = "mix")
    {
        var list = new List<StepResult>();
        for (var i = 1; i <= steps; i++)
        {
            var target = 250.0 * i;
            var load = target / capacity;
            var achieved = Math.Min(target, capacity * 1.02) * 0.995;
            var slow = 1 / Math.Max(0.04, 1 - load);                    // queueing: latency climbs near capacity
            var errors = load > 1 ? (long)(achieved * 60 * 0.01) : i == 2 ? 3 : 0;
            var feed = scenario == "mix" ? "home" : scenario;
            var actions = new Dictionary<string, ActionStats>
            {
                [feed] = Action(achieved * 0.62, 4.2 * slow, errors, i == 2 ? new() { ["status 500"] = 2, ["timeout"] = 1 } : new()),
                ["sphere.next"] = Action(achieved * 0.25, 6.8 * slow, 0, new()),
                ["post"] = Action(achieved * 0.13, 11.5 * slow, 0, new()),
            };
            list.Add(new StepResult($"{scenario}@{target:0}", scenario, target, 60, achieved, (long)(achieved * 60), errors, load > 1 ? errors / 2 : 0,
                actions, new ServerStats(60 + 80 * Math.Min(load, 1.3), 310 + 40 * i, 35 * Math.Min(load, 1.3), 45)));
        }
        return new RunResult(new DateTimeOffset(2026, 11, 22, 10, 6, 0, TimeSpan.Zero),
            new MachineInfo(2, 7.8, "Debian GNU/Linux 12", ".NET 10.0.1", 0.42),
            engine, new WorldInfo(users, users / 10, "20 spheres per user, 50 posts per sphere"), instances, 1234.4, list,
            new StreamResult(5000, 10, 49_900, 50_000, 12.34, 48.2, 123.456, 1502.7, 420.5, instances > 1),
            new References(new DatabaseReference("pgbench", 1000, 1.95, 3), null, new HttpReference("wrk", "/health", 7750, 2.2)),
            ["Sample data, not a measurement.", "Second note | with a pipe."]);
    }

    private static ActionStats Action(double rate, double p50, long errors, Dictionary<string, long> kinds) =>
        new((long)(rate * 60), errors, rate, p50, p50 * 2.6, p50 * 4.1, p50 * 9, kinds);
}
