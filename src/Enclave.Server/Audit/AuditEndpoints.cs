using Enclave.Server.Access;
using Enclave.Server.Organizations;
using Enclave.Server.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Enclave.Server.Audit;

/// <summary>
/// Reading the trail: my own entries, an organization's (its managers), the platform's (platform
/// administrators). Each as JSON pages or CSV (<c>.csv</c> or <c>?format=csv</c>). Nothing here
/// edits or deletes an entry: only the retention job removes entries, once past their year.
/// </summary>
public static class AuditEndpoints
{
    public static RouteGroupBuilder MapAudit(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("").WithTags("Audit trail");
        group.MapGet("/me/audit", Mine);
        group.MapGet("/me/audit.csv", (string? action, string? from, string? to, Viewer viewer, AuditReader reader, CancellationToken ct) =>
            Mine(action, from, to, null, null, "csv", viewer, reader, ct));
        group.MapGet("/organizations/{id:guid}/audit", Organization);
        group.MapGet("/organizations/{id:guid}/audit.csv", (Guid id, string? action, string? from, string? to, Viewer viewer, AccessGate gate, AuditReader reader, CancellationToken ct) =>
            Organization(id, action, from, to, null, null, "csv", viewer, gate, reader, ct));
        group.MapGet("/admin/audit", Platform);
        group.MapGet("/admin/audit.csv", (string? action, string? from, string? to, Viewer viewer, AuditReader reader, CancellationToken ct) =>
            Platform(action, from, to, null, null, "csv", viewer, reader, ct));
        return group;
    }

    /// <summary>Entries whose subject or actor is me: my sign-ins, failed attempts on my account, my tokens, what others did to my roles.</summary>
    internal static async Task<Results<Ok<Page<AuditEntryView>>, AuditCsv>> Mine(
        string? action, string? from, string? to, string? cursor, int? limit, string? format, Viewer viewer, AuditReader reader, CancellationToken cancellationToken) =>
        await ReadAsync(AuditScope.Person(viewer.Id), action, from, to, cursor, limit, format, "my-activity.csv", reader, cancellationToken);

    /// <summary>The organization's entries, for its managers; anyone else gets 404, as if the trail did not exist.</summary>
    internal static async Task<Results<Ok<Page<AuditEntryView>>, AuditCsv>> Organization(
        Guid id, string? action, string? from, string? to, string? cursor, int? limit, string? format, Viewer viewer, AccessGate gate, AuditReader reader, CancellationToken cancellationToken)
    {
        await RequireManagerAsync(gate, viewer, id, cancellationToken);
        return await ReadAsync(AuditScope.Organization(id), action, from, to, cursor, limit, format, $"organization-audit-{id}.csv", reader, cancellationToken);
    }

    internal static async Task<Results<Ok<Page<AuditEntryView>>, AuditCsv>> Platform(
        string? action, string? from, string? to, string? cursor, int? limit, string? format, Viewer viewer, AuditReader reader, CancellationToken cancellationToken)
    {
        RequirePlatformAdmin(viewer);
        return await ReadAsync(AuditScope.Platform, action, from, to, cursor, limit, format, "platform-audit.csv", reader, cancellationToken);
    }

    public static async Task<OrganizationAccess> RequireManagerAsync(AccessGate gate, Viewer viewer, Guid id, CancellationToken cancellationToken)
    {
        _ = viewer.Id;
        var access = await gate.OrganizationAsync(viewer, id, cancellationToken);
        if (!access.IsManager) throw ProblemException.NotFound("organization");
        return access;
    }

    /// <summary>Non-administrators get 404, like the rest of the administration surface.</summary>
    public static void RequirePlatformAdmin(Viewer viewer)
    {
        _ = viewer.Id;
        if (!viewer.IsPlatformAdmin) throw ProblemException.NotFound("endpoint");
    }

    private static async Task<Results<Ok<Page<AuditEntryView>>, AuditCsv>> ReadAsync(AuditScope scope, string? action, string? from, string? to,
        string? cursor, int? limit, string? format, string fileName, AuditReader reader, CancellationToken cancellationToken)
    {
        if (format is not (null or "" or "json" or "csv")) Validation.Field("format", "must be 'json' or 'csv'.");
        var filter = AuditFilter.Parse(action, from, to);
        if (format == "csv") return new AuditCsv(reader, scope, filter, fileName);
        return TypedResults.Ok(await reader.PageAsync(scope, filter, cursor, limit, cancellationToken));
    }
}
