using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Enclave.Server.Accounts.TwoFactor;

/// <summary>
/// Codes are six digits: besides the account lockout, each client address may try only a few a
/// minute (<c>RateLimits:TwoFactorPerMinute</c>, default 10), across accounts.
/// </summary>
public static class TwoFactorRateLimit
{
    public const string Policy = "two-factor";

    public static IServiceCollection AddTwoFactorRateLimit(this IServiceCollection services, IConfiguration configuration)
    {
        var permits = configuration.GetValue<int?>("RateLimits:TwoFactorPerMinute") ?? 10;
        return services.Configure<RateLimiterOptions>(limiter => limiter.AddPolicy(Policy, http =>
            HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) ? RateLimitPartition.GetNoLimiter("reads") :
            RateLimitPartition.GetFixedWindowLimiter($"{Policy}:{http.Connection.RemoteIpAddress}", _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = Math.Max(1, permits),
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            })));
    }
}
