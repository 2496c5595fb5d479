using Enclave.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Enclave.Server.Audit;

/// <summary>The <c>Audit</c> section.</summary>
public sealed class AuditOptions
{
    /// <summary>
    /// How long entries are kept. Fixed: the database triggers of migration 0008 refuse to delete
    /// younger entries, so a shorter setting could not take effect (and a longer one is not offered).
    /// </summary>
    public const int RetentionDays = 365;

    /// <summary>How often the retention job looks for entries past their year.</summary>
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromHours(6);
}

/// <summary>
/// Deletes audit entries older than <see cref="AuditOptions.RetentionDays"/>. What is due is
/// decided by the entries' own times, so nothing is lost across restarts: a run after a long
/// stop catches up at once.
/// </summary>
public sealed class AuditRetention(IServiceScopeFactory scopes, IOptions<AuditOptions> options, TimeProvider clock, ILogger<AuditRetention> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RetentionInterval, clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var deleted = await RunOnceAsync(scope.ServiceProvider.GetRequiredService<EnclaveDb>(), clock, stoppingToken);
                if (deleted > 0) logger.LogInformation("Audit retention deleted {Count} entries older than {Days} days", deleted, AuditOptions.RetentionDays);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Audit retention run failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>
    /// One run. Besides the application's clock, the statement also asks the database's own clock,
    /// the one its triggers judge by: were the two clocks apart, a row the trigger refuses would
    /// abort the whole statement and the job would never delete anything again.
    /// </summary>
    public static Task<int> RunOnceAsync(EnclaveDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime.AddDays(-AuditOptions.RetentionDays);
        return db.Database.IsNpgsql()
            ? db.Database.ExecuteSqlInterpolatedAsync(
                $"""DELETE FROM audit_entries WHERE "At" < {cutoff} AND "At" <= now() - interval '365 days'""", cancellationToken)
            : db.Database.ExecuteSqlInterpolatedAsync(
                $"""DELETE FROM "audit_entries" WHERE "At" < {cutoff} AND "At" <= strftime('%Y-%m-%d %H:%M:%f', 'now', '-365 days')""", cancellationToken);
    }
}
