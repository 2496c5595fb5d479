using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Live;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Tools.Documents;

/// <summary>
/// Trash, restore and purge: the sphere's staff, or the file's uploader while they publish there.
/// A trashed file leaves listings, search, downloads and the feed; it shows only in the trash
/// until restored or purged. Purging deletes every version, then the bytes no other file uses.
/// </summary>
public static class DocumentTrash
{
    internal static async Task<Ok<DocumentFileResponse>> MoveToTrash(Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, DocumentViews views,
        LivePublisher live, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (file, access) = await DocumentRules.FileAsync(id, viewer, gate, db, cancellationToken, track: true);
        DocumentRules.RequireOwnerOrStaff(access, file.UploaderId, viewer);
        DocumentRules.RequireUnlocked(file, viewer, clock.GetUtcNow().UtcDateTime);
        file.TrashedAt = clock.GetUtcNow().UtcDateTime;
        file.TrashedById = viewer.Id;
        file.LockedById = null;
        file.LockedUntil = null;
        await db.SaveChangesAsync(cancellationToken);
        await DocumentEvents.ChangedAsync(live, file.OrganizationId, file.SphereId, "file", file.Id, cancellationToken);
        return TypedResults.Ok(await views.FileAsync(file, viewer.UserId, cancellationToken));
    }

    internal static async Task<Ok<DocumentFileResponse>> Restore(Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, DocumentViews views,
        LivePublisher live, CancellationToken cancellationToken)
    {
        var (file, access) = await DocumentRules.FileAsync(id, viewer, gate, db, cancellationToken, trashed: true, track: true);
        DocumentRules.RequireOwnerOrStaff(access, file.UploaderId, viewer);
        file.TrashedAt = null;
        file.TrashedById = null;
        await db.SaveChangesAsync(cancellationToken);
        await DocumentEvents.ChangedAsync(live, file.OrganizationId, file.SphereId, "file", file.Id, cancellationToken);
        return TypedResults.Ok(await views.FileAsync(file, viewer.UserId, cancellationToken));
    }

    internal static async Task<NoContent> Purge(Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, DocumentStore store, LivePublisher live,
        CancellationToken cancellationToken)
    {
        var (file, access) = await DocumentRules.FileAsync(id, viewer, gate, db, cancellationToken, trashed: true);
        DocumentRules.RequireOwnerOrStaff(access, file.UploaderId, viewer);
        var contents = await db.Set<DocumentVersion>().Where(v => v.FileId == id).Select(v => v.ContentId).Distinct().ToListAsync(cancellationToken);
        // Versions go with the file (cascade); then each content nothing else uses, and its bytes.
        if (await db.Set<DocumentFile>().Where(f => f.Id == id && f.TrashedAt != null).ExecuteDeleteAsync(cancellationToken) == 0)
            return TypedResults.NoContent();
        await store.ReleaseAsync(contents, cancellationToken);
        await DocumentEvents.ChangedAsync(live, file.OrganizationId, file.SphereId, "file", file.Id, cancellationToken);
        return TypedResults.NoContent();
    }
}
