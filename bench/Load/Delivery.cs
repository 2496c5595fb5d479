using System.Diagnostics;

namespace Enclave.Bench.Load;

/// <summary>
/// The delivery phase: with the streams open, posts go into the big global sphere one every half
/// second (authors rotate, and so do instances); for each post, every open stream of a reader of
/// that sphere must receive <c>post.created</c>. Latency runs from the start of the publishing
/// request to the arrival on the stream, measured by this one process, so one clock serves both.
/// </summary>
public static class Delivery
{
    public static async Task<StreamResult> MeasureAsync(Options options, Api api, World world, LiveStreams live, ProcessProbe probe, CancellationToken ct)
    {
        var readers = live.Holders.Count(u => u.Spheres.Any(s => s.Id == world.BigGlobal));
        var window = probe.Begin();
        world.Tracked.Clear();
        live.Arrivals.Clear();
        world.Tracking = true;
        var published = 0;
        for (var i = 0; i < options.DeliveryPosts && !ct.IsCancellationRequested; i++)
        {
            var author = world.BigGlobalPosters[i * 7919 % world.BigGlobalPosters.Count];
            var start = Stopwatch.GetTimestamp();
            var (reply, error) = await api.SendAsync(HttpMethod.Post, new Uri(options.Urls[i % options.Urls.Count], $"api/v1/spheres/{world.BigGlobal}/posts"),
                author.Token, new { body = $"Delivery check {i}: does everyone see this?" }, ct);
            if (reply is null || !reply.Ok) throw new InvalidOperationException($"delivery post {i} failed: {error}");
            using (var json = reply.Json())
                world.Tracked[json.RootElement.GetProperty("id").GetGuid()] = (start, i % options.Urls.Count);
            published++;
            var next = start + Stopwatch.Frequency / 2;
            var wait = (next - Stopwatch.GetTimestamp()) * 1000 / Stopwatch.Frequency;
            if (wait > 0) await Task.Delay(TimeSpan.FromMilliseconds(wait), ct);
        }
        var expected = (long)published * readers;
        var settle = Stopwatch.StartNew();
        while (live.Arrivals.Count < expected && settle.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(50, ct);
        world.Tracking = false;
        var server = window.End();

        var latencies = new List<double>();
        var crossed = false;
        foreach (var (post, arrived, instance) in live.Arrivals)
        {
            if (!world.Tracked.TryGetValue(post, out var made)) continue;
            latencies.Add(Stopwatch.GetElapsedTime(made.Start, arrived).TotalMilliseconds);
            crossed |= instance != made.Instance;
        }
        var sorted = latencies.ToArray();
        Array.Sort(sorted);
        return new StreamResult(live.Open, live.Failed, sorted.Length, expected,
            Recorder.Percentile(sorted, 0.50), Recorder.Percentile(sorted, 0.95), Recorder.Percentile(sorted, 0.99), sorted.Length == 0 ? 0 : Math.Round(sorted[^1], 2),
            server.PeakRssMiB, crossed);
    }
}
