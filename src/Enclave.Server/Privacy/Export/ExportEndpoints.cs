using Enclave.Server.Access;
using Enclave.Server.Audit;
using Enclave.Server.Data;
using Enclave.Server.Files;
using Enclave.Server.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Privacy.Export;

public sealed record ExportView(Guid Id, ExportKind Kind, Guid? OrganizationId, ExportStatus Status, int Percent, string Step,
    DateTime CreatedAt, DateTime? CompletedAt, DateTime? ExpiresAt, long Size, string? DownloadUrl)
{
    public static ExportView From(DataExport e, DateTime now) => new(e.Id, e.Kind, e.OrganizationId,
        e.Status == ExportStatus.Ready && e.ExpiresAt <= now ? ExportStatus.Expired : e.Status, e.Percent, e.Step, e.CreatedAt, e.CompletedAt, e.ExpiresAt, e.Size,
        e.Status == ExportStatus.Ready && e.ExpiresAt > now
            ? e.Kind == ExportKind.Personal ? $"/api/v1/me/exports/{e.Id}/download" : $"/api/v1/organizations/{e.OrganizationId}/exports/{e.Id}/download"
            : null);
}

/// <summary>Personal exports (<c>/me/exports</c>) and organization exports (managers only; everyone else gets 404).</summary>
public static class ExportEndpoints
{
    private const int ListLimit = 20;

    public static RouteGroupBuilder MapExports(this RouteGroupBuilder api)
    {
        var me = api.MapGroup("/me/exports").WithTags("Data export");
        me.MapPost("/", RequestPersonal).WithSummary("Ask for an archive of your data (idempotent while one is being built).");
        me.MapGet("/", ListPersonal);
        me.MapGet("/{id:guid}", GetPersonal);
        me.MapGet("/{id:guid}/download", DownloadPersonal).WithSummary("The ZIP archive, until it expires (then 410).");
        var org = api.MapGroup("/organizations/{id:guid}/exports").WithTags("Data export");
        org.MapPost("/", RequestOrganization).WithSummary("Ask for an archive of the organization's whole content (managers).");
        org.MapGet("/", ListOrganization);
        org.MapGet("/{exportId:guid}/download", DownloadOrganization);
        return api;
    }

    internal static async Task<Results<Accepted<ExportView>, Ok<ExportView>>> RequestPersonal(Viewer viewer, EnclaveDb db, AuditLog audit, TimeProvider clock, CancellationToken ct)
    {
        var userId = viewer.Id;
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ct) ?? throw ProblemException.Unauthorized();
        return await RequestAsync(db, audit, clock, ExportKind.Personal, userId, null, user.PersonalOrganizationId, $"user:{userId}", ct);
    }

    internal static async Task<Results<Accepted<ExportView>, Ok<ExportView>>> RequestOrganization(Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, AuditLog audit, TimeProvider clock, CancellationToken ct)
    {
        await RequireManagerAsync(gate, viewer, id, ct);
        return await RequestAsync(db, audit, clock, ExportKind.Organization, viewer.Id, id, id, $"organization:{id}", ct);
    }

    /// <summary>One queued or running job per key, decided by the unique index: a second ask (even a simultaneous one) gets the first job.</summary>
    private static async Task<Results<Accepted<ExportView>, Ok<ExportView>>> RequestAsync(EnclaveDb db, AuditLog audit, TimeProvider clock,
        ExportKind kind, Guid userId, Guid? organizationId, Guid blobOrganizationId, string key, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (await db.DataExports.AsNoTracking().FirstOrDefaultAsync(e => e.ActiveKey == key, ct) is { } running)
            return TypedResults.Ok(ExportView.From(running, now));
        var job = new DataExport
        {
            Id = Ids.New(), Kind = kind, UserId = userId, OrganizationId = organizationId, ActiveKey = key, Status = ExportStatus.Queued,
            Step = "queued", CreatedAt = now, BlobOrganizationId = blobOrganizationId,
        };
        db.DataExports.Add(job);
        audit.Record(kind == ExportKind.Personal ? AuditActions.ExportRequested : AuditActions.OrganizationExportRequested, userId,
            new AuditTarget(SubjectUserId: kind == ExportKind.Personal ? userId : null, OrganizationId: organizationId, TargetType: "export", TargetId: job.Id));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            var winner = await db.DataExports.AsNoTracking().FirstOrDefaultAsync(e => e.ActiveKey == key, ct);
            // The other job finished in between: rare enough that asking again is the answer.
            if (winner is null) throw ProblemException.Conflict("export_busy", "An export was just started; ask again.");
            return TypedResults.Ok(ExportView.From(winner, now));
        }
        return TypedResults.Accepted($"/api/v1/{(kind == ExportKind.Personal ? "me" : $"organizations/{organizationId}")}/exports", ExportView.From(job, now));
    }

    internal static async Task<Ok<List<ExportView>>> ListPersonal(Viewer viewer, EnclaveDb db, TimeProvider clock, CancellationToken ct)
    {
        var userId = viewer.Id;
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await db.DataExports.AsNoTracking().Where(e => e.UserId == userId && e.Kind == ExportKind.Personal)
            .OrderByDescending(e => e.Id).Take(ListLimit).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(e => ExportView.From(e, now)).ToList());
    }

    internal static async Task<Ok<ExportView>> GetPersonal(Guid id, Viewer viewer, EnclaveDb db, TimeProvider clock, CancellationToken ct)
    {
        var userId = viewer.Id;
        var job = await db.DataExports.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id && e.UserId == userId && e.Kind == ExportKind.Personal, ct)
            ?? throw ProblemException.NotFound("export");
        return TypedResults.Ok(ExportView.From(job, clock.GetUtcNow().UtcDateTime));
    }

    internal static async Task<Ok<List<ExportView>>> ListOrganization(Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, TimeProvider clock, CancellationToken ct)
    {
        await RequireManagerAsync(gate, viewer, id, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await db.DataExports.AsNoTracking().Where(e => e.OrganizationId == id && e.Kind == ExportKind.Organization)
            .OrderByDescending(e => e.Id).Take(ListLimit).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(e => ExportView.From(e, now)).ToList());
    }

    internal static async Task<FileStreamHttpResult> DownloadPersonal(Guid id, Viewer viewer, EnclaveDb db, IBlobStore blobs, AuditLog audit, TimeProvider clock, CancellationToken ct)
    {
        var userId = viewer.Id;
        var job = await db.DataExports.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id && e.UserId == userId && e.Kind == ExportKind.Personal, ct)
            ?? throw ProblemException.NotFound("export");
        return await DownloadAsync(job, viewer, blobs, audit, clock, ct);
    }

    internal static async Task<FileStreamHttpResult> DownloadOrganization(Guid id, Guid exportId, Viewer viewer, AccessGate gate, EnclaveDb db, IBlobStore blobs, AuditLog audit, TimeProvider clock, CancellationToken ct)
    {
        await RequireManagerAsync(gate, viewer, id, ct);
        var job = await db.DataExports.AsNoTracking().FirstOrDefaultAsync(e => e.Id == exportId && e.OrganizationId == id && e.Kind == ExportKind.Organization, ct)
            ?? throw ProblemException.NotFound("export");
        return await DownloadAsync(job, viewer, blobs, audit, clock, ct);
    }

    internal static async Task<FileStreamHttpResult> DownloadAsync(DataExport job, Viewer viewer, IBlobStore blobs, AuditLog audit, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (job.Status == ExportStatus.Expired || (job.Status == ExportStatus.Ready && job.ExpiresAt <= now)) throw Expired();
        if (job.Status != ExportStatus.Ready || job.BlobKey is null)
            throw ProblemException.Conflict("export_not_ready", "The export is not ready yet.");
        var stream = await blobs.OpenAsync(job.BlobOrganizationId, job.BlobKey, ct) ?? throw Expired();
        await audit.WriteAsync(AuditActions.ExportDownloaded, viewer.Id, new AuditTarget(
            SubjectUserId: job.Kind == ExportKind.Personal ? job.UserId : null, OrganizationId: job.OrganizationId, TargetType: "export", TargetId: job.Id), ct);
        var name = $"enclave-{(job.Kind == ExportKind.Personal ? "personal" : "organization")}-export-{job.CompletedAt:yyyy-MM-dd}.zip";
        return TypedResults.Stream(stream, "application/zip", name);
    }

    private static ProblemException Expired() =>
        new(StatusCodes.Status410Gone, "export_expired", "This export has expired and its archive was deleted; ask for a new one.");

    /// <summary>Managers of a (non-personal) organization; everyone else, member or not, gets 404.</summary>
    internal static async Task<OrganizationAccess> RequireManagerAsync(AccessGate gate, Viewer viewer, Guid organizationId, CancellationToken ct)
    {
        _ = viewer.Id;
        var access = await gate.OrganizationAsync(viewer, organizationId, ct);
        if (!access.IsManager || access.Organization.IsPersonal) throw ProblemException.NotFound("organization");
        return access;
    }
}
