using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Enclave.Server.Web;

/// <summary>Per-client-address limits on the endpoints that attract abuse. Limits come from the <c>RateLimits</c> section.</summary>
public sealed class RateLimitOptions
{
    public int SignupPerHour { get; set; } = 20;
    public int LoginPerMinute { get; set; } = 30;
    public int TokensPerMinute { get; set; } = 20;
    public int PasswordResetPerHour { get; set; } = 10;

    /// <summary>Searches run at once per server, over every client (0: half the cores, at least one).</summary>
    public int SearchConcurrent { get; set; }

    /// <summary>Searches that wait for a turn, oldest first; past this many, a search is refused with 429.</summary>
    public int SearchQueue { get; set; } = 20;

    /// <summary>Requests worked on at once by this server, live streams, health probes and searches aside (0: 128 per core). See <see cref="ServerBulkhead"/>.</summary>
    public int RequestsConcurrent { get; set; }

    /// <summary>Requests that wait for a turn, oldest first; past this many, a request is refused with 503.</summary>
    public int RequestsQueue { get; set; } = 256;
}

public static class RateLimits
{
    public const string Signup = "signup";
    public const string Login = "login";
    public const string Tokens = "tokens";
    public const string PasswordReset = "password-reset";
    public const string Search = "search";

    public static IServiceCollection AddEnclaveRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("RateLimits").Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddSingleton(options); // the server bulkhead reads the same settings (ServerBulkhead)
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(Signup, http => Window(http, Signup, options.SignupPerHour, TimeSpan.FromHours(1)));
            limiter.AddPolicy(Login, http => Window(http, Login, options.LoginPerMinute, TimeSpan.FromMinutes(1)));
            limiter.AddPolicy(Tokens, http => Window(http, Tokens, options.TokensPerMinute, TimeSpan.FromMinutes(1)));
            limiter.AddPolicy(PasswordReset, http => Window(http, PasswordReset, options.PasswordResetPerHour, TimeSpan.FromHours(1)));
            // A bulkhead rather than a quota: a search over millions of documents can take the database's
            // whole attention for a moment, and without a bound a burst of them starved every feed
            // (docs/PERFORMANCE.md). Searches beyond the bound wait their turn; only a long queue is refused.
            var searchPermits = options.SearchConcurrent > 0 ? options.SearchConcurrent : Math.Max(1, Environment.ProcessorCount / 2);
            limiter.AddPolicy(Search, _ => RateLimitPartition.GetConcurrencyLimiter(Search, _ => new ConcurrencyLimiterOptions
            {
                PermitLimit = searchPermits,
                QueueLimit = Math.Max(0, options.SearchQueue),
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            }));
            limiter.OnRejected = (context, _) =>
            {
                var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? (int)Math.Ceiling(after.TotalSeconds) : 1; // only the search bulkhead has no window: a turn frees within a second
                return RefuseAsync(context.HttpContext, 429, "rate_limited", $"Too many requests. Retry after {retry} seconds.", retry);
            };
        });
        return services;
    }

    /// <summary>A refused request: the status, a <c>Retry-After</c> in seconds, and the problem details.</summary>
    internal static async ValueTask RefuseAsync(HttpContext http, int status, string code, string title, int retryAfterSeconds)
    {
        http.Response.StatusCode = status;
        http.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        if (Ui.PageRequests.WantsPage(http))
        {
            await Ui.BusyPageWriter.WriteAsync(http, status, retryAfterSeconds);
            return;
        }
        var problem = ProblemHandling.Create(status, code, title);
        if (await http.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem }))
            return;
        // A program that accepts neither JSON nor a page still gets the problem (as ProblemHandling does).
        await http.Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
    }

    /// <summary>Only writes count: the web pages carry these policies too, and reading the sign-in form is no attempt.</summary>
    private static RateLimitPartition<string> Window(HttpContext http, string policy, int permits, TimeSpan window) =>
        HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) ? RateLimitPartition.GetNoLimiter("reads") :
        RateLimitPartition.GetFixedWindowLimiter($"{policy}:{http.Connection.RemoteIpAddress}", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, permits),
            Window = window,
            QueueLimit = 0,
        });
}
