using System.Diagnostics;

namespace Enclave.Bench.Load;

/// <summary>
/// Open-loop arrivals: a Poisson process at the step's rate decides when each request starts,
/// whatever the server is doing, and every latency runs from that intended start. A slow answer
/// therefore shows as latency instead of quietly lowering the load (no coordinated omission).
/// The scheduler sleeps in 1 ms slices instead of spinning, so a request may start up to about a
/// millisecond late: that delay is counted in its latency, never hidden.
/// </summary>
public static class OpenLoop
{
    public static async Task<StepResult> RunAsync(StepPlan plan, double seconds, Options options, Actions actions, IReadOnlyList<VirtualUser> users,
        ProcessProbe probe, int seed, CancellationToken ct)
    {
        var rate = plan.Scenario == Scenario.Active ? plan.Amount / options.ThinkSeconds : plan.Amount;
        var activeCount = plan.Scenario == Scenario.Active ? (int)plan.Amount : users.Count;
        var recorder = new Recorder();
        var random = new Random(seed);
        var drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Requests in flight, plus one held by the scheduler until its last arrival: zero means drained.
        var pending = 1;
        var window = probe.Begin();
        var start = Stopwatch.GetTimestamp();

        void Finish()
        {
            if (Interlocked.Decrement(ref pending) == 0) drained.TrySetResult();
        }

        async Task LaunchAsync(VirtualUser user, Random r, long due)
        {
            try { await actions.RunAsync(plan.Scenario, user, r, due, recorder, ct); }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                recorder.Failure(plan.Scenario.ToString().ToLowerInvariant(), "client exception: " + e.GetType().Name, Stopwatch.GetElapsedTime(due).TotalMilliseconds);
            }
            finally { Finish(); }
        }

        var scheduler = new Thread(() =>
        {
            var offset = 0.0;
            while (!ct.IsCancellationRequested)
            {
                offset += -Math.Log(1 - random.NextDouble()) / rate;
                if (offset >= seconds) break;
                var due = start + (long)(offset * Stopwatch.Frequency);
                var wait = (due - Stopwatch.GetTimestamp()) * 1000.0 / Stopwatch.Frequency;
                if (wait >= 1) Thread.Sleep((int)wait);
                if (Volatile.Read(ref pending) - 1 >= options.MaxInFlight) { recorder.Dropped(plan.Scenario.ToString().ToLowerInvariant()); continue; }
                Interlocked.Increment(ref pending);
                var user = actions.Pick(plan.Scenario, users, activeCount, random);
                var r = new Random(random.Next());
                ThreadPool.UnsafeQueueUserWorkItem(_ => _ = LaunchAsync(user, r, due), null);
            }
            Finish();
        }) { IsBackground = true, Name = "open-loop scheduler", Priority = ThreadPriority.AboveNormal };
        scheduler.Start();

        // Everything started must finish within the request timeout after the last arrival.
        await drained.Task.WaitAsync(TimeSpan.FromSeconds(seconds) + options.RequestTimeout + TimeSpan.FromSeconds(10), ct);
        var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var server = window.End();
        var stats = recorder.Summarize(elapsed);
        var perAction = stats.Where(p => p.Key != Recorder.AllRequests).Select(p => p.Value).ToList();
        var requests = perAction.Sum(a => a.Count);
        return new StepResult(plan.Name, plan.Scenario.ToString().ToLowerInvariant(), Math.Round(rate, 1), Math.Round(elapsed, 2),
            Math.Round((requests - recorder.DroppedCount) / elapsed, 1), requests, perAction.Sum(a => a.Errors), recorder.DroppedCount, stats, server);
    }
}
