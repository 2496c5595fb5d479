using Enclave.Server.Data;
using Enclave.Server.Data.Migrations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Health;

public sealed record HealthResponse(string Status, string? Detail = null);

public static class HealthEndpoints
{
    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/health").WithTags("Health");
        // Live: the process answers. Ready: the database answers and the schema is current.
        group.MapGet("/live", () => TypedResults.Ok(new HealthResponse("live")));
        group.MapGet("/ready", Ready);
    }

    internal static async Task<Results<Ok<HealthResponse>, JsonHttpResult<HealthResponse>>> Ready(EnclaveDb db, DatabaseOptions options, ILogger<HealthResponse> logger, CancellationToken cancellationToken)
    {
        try
        {
            var applied = await db.Database.SqlQueryRaw<string>("SELECT id AS \"Value\" FROM schema_migrations").ToListAsync(cancellationToken);
            var pending = MigrationRunner.Available(options.Provider).Except(applied).ToList();
            if (pending.Count > 0)
                return TypedResults.Json(new HealthResponse("not_ready", $"{pending.Count} migration(s) pending"), statusCode: 503);
            return TypedResults.Ok(new HealthResponse("ready"));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Readiness check failed");
            return TypedResults.Json(new HealthResponse("not_ready", "database unavailable"), statusCode: 503);
        }
    }
}
