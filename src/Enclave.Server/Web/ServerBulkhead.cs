using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Enclave.Server.Web;

/// <summary>
/// Admission control for the whole server: at most <c>RateLimits:RequestsConcurrent</c> requests are
/// worked on at once and <c>RateLimits:RequestsQueue</c> more wait their turn, oldest first; past that a
/// request is answered at once with <c>503 server_busy</c> and <c>Retry-After: 1</c>.
/// Without it, a server offered more than it can serve took every request in: on the 100,000-member
/// benchmark world, at five times its capacity, every request waited until it timed out, the pages
/// answered without error fell from about 300 to 16 a second and the process grew past 1.5 GiB
/// (docs/PERFORMANCE.md). With it, the requests let in are served at the machine's pace (272 pages a
/// second, 460 MiB) and the others learn at once to come back.
/// Not counted: live event streams (a stream stays open for hours), health probes (a load balancer
/// must still see the server alive while it sheds load), and searches, which have a tighter bound of
/// their own (<see cref="RateLimits.Search"/>): a search waiting for its turn there held a turn here
/// too, and with a few slow searches the feeds queued behind them (the mix at 200 requests a second
/// went from 83 to 690 ms at p50 with 32 turns per core). Hence also the generous 128 turns per core:
/// the bound is there to stop a flood, not to pace a server that is merely busy.
/// </summary>
public static class ServerBulkhead
{
    public static WebApplication UseServerBulkhead(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<RateLimitOptions>();
        var limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = options.RequestsConcurrent > 0 ? options.RequestsConcurrent : 128 * Environment.ProcessorCount,
            QueueLimit = Math.Max(0, options.RequestsQueue),
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        app.Lifetime.ApplicationStopped.Register(limiter.Dispose);
        app.Use(async (http, next) =>
        {
            if (Exempt(http))
            {
                await next(http);
                return;
            }
            RateLimitLease lease;
            try
            {
                lease = await limiter.AcquireAsync(1, http.RequestAborted);
            }
            catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
            {
                return; // the client left while waiting: nothing to answer
            }
            using (lease)
            {
                if (!lease.IsAcquired)
                {
                    await RateLimits.RefuseAsync(http, StatusCodes.Status503ServiceUnavailable, "server_busy", "The server is busy. Retry after 1 second.", 1);
                    return;
                }
                await next(http);
            }
        });
        return app;
    }

    private static bool Exempt(HttpContext http) =>
        http.Request.Path.StartsWithSegments("/health") || http.Request.Path.StartsWithSegments("/api/v1/events") ||
        http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == RateLimits.Search;
}
