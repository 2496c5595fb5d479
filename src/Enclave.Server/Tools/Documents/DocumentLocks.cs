using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Live;
using Enclave.Server.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Enclave.Server.Tools.Documents;

/// <summary>
/// "I'm editing this": one holder at a time, taken by a conditional update (free, expired, or
/// already mine), so two people locking at once cannot both win. Locking again renews it.
/// </summary>
public static class DocumentLocks
{
    internal static async Task<Ok<DocumentFileResponse>> Lock(Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, DocumentViews views, LivePublisher live,
        TimeProvider clock, IOptions<DocumentOptions> options, CancellationToken cancellationToken)
    {
        var (file, access) = await DocumentRules.FileAsync(id, viewer, gate, db, cancellationToken);
        DocumentRules.RequireWriter(access);
        var me = viewer.Id;
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + options.Value.LockDuration;
        var taken = await db.Set<DocumentFile>()
            .Where(f => f.Id == id && f.TrashedAt == null && (f.LockedById == null || f.LockedById == me || f.LockedUntil <= now))
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.LockedById, me).SetProperty(f => f.LockedUntil, until), cancellationToken);
        if (taken == 0) throw ProblemException.Conflict("document_locked", "Someone is editing this document: wait until they unlock it.");
        await DocumentEvents.ChangedAsync(live, file.OrganizationId, file.SphereId, "file", file.Id, cancellationToken);
        file.LockedById = me;
        file.LockedUntil = until;
        return TypedResults.Ok(await views.FileAsync(file, me, cancellationToken));
    }

    /// <summary>The holder releases it; the sphere's staff may break someone else's lock.</summary>
    internal static async Task<NoContent> Unlock(Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, LivePublisher live, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var (file, access) = await DocumentRules.FileAsync(id, viewer, gate, db, cancellationToken);
        DocumentRules.RequireWriter(access);
        var now = clock.GetUtcNow().UtcDateTime;
        if (DocumentRules.IsLockedByOther(file, viewer.UserId, now) && !access.ActsAsStaff)
            throw ProblemException.Conflict("document_locked", "Someone else is editing this document: only they or the sphere's staff can unlock it.");
        var holder = file.LockedById;
        var released = await db.Set<DocumentFile>().Where(f => f.Id == id && f.LockedById == holder)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.LockedById, (Guid?)null).SetProperty(f => f.LockedUntil, (DateTime?)null), cancellationToken);
        if (released > 0 && holder is not null)
            await DocumentEvents.ChangedAsync(live, file.OrganizationId, file.SphereId, "file", file.Id, cancellationToken);
        return TypedResults.NoContent();
    }
}
