using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Live;
using Enclave.Server.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Tools.Documents;

public sealed record CreateFolderRequest(string? Name, Guid? ParentId);
public sealed record DocumentRenameRequest(string? Name);
/// <summary>The target folder; null moves to the root of the sphere's document box.</summary>
public sealed record DocumentMoveRequest(Guid? FolderId);

/// <summary>A sphere's document box: listing, search, trash, and folders. Files are in <see cref="DocumentFileEndpoints"/>.</summary>
public static class DocumentEndpoints
{
    public static RouteGroupBuilder MapDocuments(this RouteGroupBuilder api)
    {
        var spheres = api.MapGroup("/spheres/{id:guid}/documents").WithTags("Documents");
        spheres.MapGet("", List).WithSummary("One folder of the sphere's document box (`folderId`, or the root): its path, subfolders and a page of its files.");
        spheres.MapGet("/search", Search).WithSummary("Files of the sphere whose name contains `q` (case-insensitive), trash excluded.");
        spheres.MapGet("/trash", Trash).WithSummary("The sphere's trashed files, most recently created first.");
        spheres.MapPost("/folders", CreateFolder).WithSummary("Create a folder (`parentId` null for the root).");
        var folders = api.MapGroup("/documents/folders").WithTags("Documents");
        folders.MapPost("/{id:guid}/rename", RenameFolder).WithSummary("Rename a folder.");
        folders.MapPost("/{id:guid}/move", MoveFolder).WithSummary("Move a folder into another folder of the same sphere (never into itself or below).");
        folders.MapDelete("/{id:guid}", DeleteFolder).WithSummary("Delete an empty folder (staff or its creator).");
        api.MapDocumentFiles();
        return spheres;
    }

    internal static async Task<Ok<DocumentListingResponse>> List(Guid id, Guid? folderId, string? cursor, int? limit, Viewer viewer, AccessGate gate,
        EnclaveDb db, DocumentViews views, CancellationToken cancellationToken)
    {
        await gate.ToolSphereAsync(viewer, id, "sphere", cancellationToken);
        DocumentFolder? folder = null;
        if (folderId is { } fid)
            folder = await db.Set<DocumentFolder>().AsNoTracking().FirstOrDefaultAsync(f => f.Id == fid && f.SphereId == id, cancellationToken)
                ?? throw ProblemException.NotFound("folder");
        var path = folder is null ? [] : await PathAsync(folder, db, cancellationToken);
        var subfolders = await db.Set<DocumentFolder>().AsNoTracking().Where(f => f.SphereId == id && f.ParentId == folderId)
            .OrderBy(f => f.Name).ThenBy(f => f.Id).Take(500).ToListAsync(cancellationToken);
        var page = await db.Set<DocumentFile>().AsNoTracking().Where(f => f.SphereId == id && f.FolderId == folderId && f.TrashedAt == null)
            .ToPageAsync(f => f.Id, cursor, limit ?? 50, f => f, cancellationToken);
        var folderViews = await views.FoldersAsync([.. path, .. subfolders], cancellationToken);
        return TypedResults.Ok(new DocumentListingResponse(id, folder is null ? null : folderViews[path.Count - 1], folderViews[..path.Count],
            folderViews[path.Count..], await views.FilesAsync(page.Items, viewer.UserId, cancellationToken), page.NextCursor));
    }

    /// <summary>The folders from the root down to <paramref name="folder"/> (bounded: moves keep depth at most <see cref="DocumentRules.MaxFolderDepth"/>).</summary>
    public static async Task<List<DocumentFolder>> PathAsync(DocumentFolder folder, EnclaveDb db, CancellationToken cancellationToken)
    {
        var path = new List<DocumentFolder> { folder };
        while (path[0].ParentId is { } parent && path.Count <= DocumentRules.MaxFolderDepth)
        {
            var next = await db.Set<DocumentFolder>().AsNoTracking().FirstOrDefaultAsync(f => f.Id == parent, cancellationToken);
            if (next is null) break;
            path.Insert(0, next);
        }
        return path;
    }

    internal static async Task<Ok<Page<DocumentFileResponse>>> Search(Guid id, string? q, string? cursor, int? limit, Viewer viewer, AccessGate gate,
        EnclaveDb db, DocumentViews views, CancellationToken cancellationToken)
    {
        await gate.ToolSphereAsync(viewer, id, "sphere", cancellationToken);
        var text = (q ?? "").Trim();
        if (text.Length is 0 or > 100) Validation.Field("q", "must be 1 to 100 characters.");
        var lowered = text.ToLowerInvariant();
        var page = await db.Set<DocumentFile>().AsNoTracking()
            .Where(f => f.SphereId == id && f.TrashedAt == null && f.Name.ToLower().Contains(lowered))
            .ToPageAsync(f => f.Id, cursor, limit, f => f, cancellationToken);
        return TypedResults.Ok(new Page<DocumentFileResponse>(await views.FilesAsync(page.Items, viewer.UserId, cancellationToken), page.NextCursor));
    }

    /// <summary>Every reader of the sphere sees its trash (a shared bin); restoring and purging are for staff and uploaders.</summary>
    internal static async Task<Ok<Page<DocumentFileResponse>>> Trash(Guid id, string? cursor, int? limit, Viewer viewer, AccessGate gate,
        EnclaveDb db, DocumentViews views, CancellationToken cancellationToken)
    {
        await gate.ToolSphereAsync(viewer, id, "sphere", cancellationToken);
        var page = await db.Set<DocumentFile>().AsNoTracking().Where(f => f.SphereId == id && f.TrashedAt != null)
            .ToPageAsync(f => f.Id, cursor, limit, f => f, cancellationToken, descending: true);
        return TypedResults.Ok(new Page<DocumentFileResponse>(await views.FilesAsync(page.Items, viewer.UserId, cancellationToken), page.NextCursor));
    }

    internal static async Task<Created<DocumentFolderResponse>> CreateFolder(Guid id, CreateFolderRequest request, Viewer viewer, AccessGate gate,
        EnclaveDb db, DocumentViews views, LivePublisher live, TimeProvider clock, CancellationToken cancellationToken)
    {
        var access = await gate.ToolSphereAsync(viewer, id, "sphere", cancellationToken);
        DocumentRules.RequireWriter(access);
        var name = DocumentRules.Name(request.Name);
        await DocumentRules.RequireFolderInSphereAsync(request.ParentId, id, db, cancellationToken, "parentId");
        if (request.ParentId is { } parentId) await RequireDepthAsync(parentId, 1, db, cancellationToken);
        var folder = new DocumentFolder
        {
            Id = Ids.New(), OrganizationId = access.Sphere.OrganizationId, SphereId = id, ParentId = request.ParentId, Name = name,
            CreatedById = viewer.Id, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Set<DocumentFolder>().Add(folder);
        await db.SaveChangesAsync(cancellationToken);
        await DocumentEvents.ChangedAsync(live, folder.OrganizationId, id, "folder", folder.Id, cancellationToken);
        return TypedResults.Created($"/api/v1/spheres/{id}/documents?folderId={folder.Id}", (await views.FoldersAsync([folder], cancellationToken))[0]);
    }

    internal static async Task<Ok<DocumentFolderResponse>> RenameFolder(Guid id, DocumentRenameRequest request, Viewer viewer, AccessGate gate,
        EnclaveDb db, DocumentViews views, LivePublisher live, CancellationToken cancellationToken)
    {
        var (folder, access) = await DocumentRules.FolderAsync(id, viewer, gate, db, cancellationToken, track: true);
        DocumentRules.RequireWriter(access);
        folder.Name = DocumentRules.Name(request.Name);
        await db.SaveChangesAsync(cancellationToken);
        await DocumentEvents.ChangedAsync(live, folder.OrganizationId, folder.SphereId, "folder", folder.Id, cancellationToken);
        return TypedResults.Ok((await views.FoldersAsync([folder], cancellationToken))[0]);
    }

    internal static async Task<Ok<DocumentFolderResponse>> MoveFolder(Guid id, DocumentMoveRequest request, Viewer viewer, AccessGate gate,
        EnclaveDb db, DocumentViews views, LivePublisher live, CancellationToken cancellationToken)
    {
        var (folder, access) = await DocumentRules.FolderAsync(id, viewer, gate, db, cancellationToken, track: true);
        DocumentRules.RequireWriter(access);
        await DocumentRules.RequireFolderInSphereAsync(request.FolderId, folder.SphereId, db, cancellationToken);
        if (request.FolderId is { } target)
        {
            var ancestors = await PathAsync(await db.Set<DocumentFolder>().AsNoTracking().FirstAsync(f => f.Id == target, cancellationToken), db, cancellationToken);
            if (ancestors.Any(a => a.Id == folder.Id))
                throw ProblemException.Unprocessable("folder_cycle", "A folder cannot move into itself or one of its subfolders.",
                    new Dictionary<string, string[]> { ["folderId"] = ["is this folder or one of its subfolders."] });
            await RequireDepthAsync(target, 1 + await HeightAsync(folder.Id, db, cancellationToken), db, cancellationToken);
        }
        folder.ParentId = request.FolderId;
        await db.SaveChangesAsync(cancellationToken);
        await DocumentEvents.ChangedAsync(live, folder.OrganizationId, folder.SphereId, "folder", folder.Id, cancellationToken);
        return TypedResults.Ok((await views.FoldersAsync([folder], cancellationToken))[0]);
    }

    internal static async Task<NoContent> DeleteFolder(Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, LivePublisher live, CancellationToken cancellationToken)
    {
        var (folder, access) = await DocumentRules.FolderAsync(id, viewer, gate, db, cancellationToken);
        DocumentRules.RequireOwnerOrStaff(access, folder.CreatedById, viewer);
        if (await db.Set<DocumentFolder>().AnyAsync(f => f.ParentId == id, cancellationToken) ||
            await db.Set<DocumentFile>().AnyAsync(f => f.FolderId == id && f.TrashedAt == null, cancellationToken))
            throw ProblemException.Conflict("folder_not_empty", "Only an empty folder can be deleted: move or trash what it holds first.");
        // Trashed files it held fall back to the root (foreign key SET NULL) and can still be restored.
        await db.Set<DocumentFolder>().Where(f => f.Id == id).ExecuteDeleteAsync(cancellationToken);
        await DocumentEvents.ChangedAsync(live, folder.OrganizationId, folder.SphereId, "folder", folder.Id, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task RequireDepthAsync(Guid parentId, int added, EnclaveDb db, CancellationToken cancellationToken)
    {
        var parent = await db.Set<DocumentFolder>().AsNoTracking().FirstAsync(f => f.Id == parentId, cancellationToken);
        if ((await PathAsync(parent, db, cancellationToken)).Count + added > DocumentRules.MaxFolderDepth)
            throw ProblemException.Unprocessable("folder_too_deep", $"Folders nest at most {DocumentRules.MaxFolderDepth} deep.");
    }

    /// <summary>How many levels a folder holds below itself (itself counts 0), bounded by the depth rule.</summary>
    private static async Task<int> HeightAsync(Guid folderId, EnclaveDb db, CancellationToken cancellationToken)
    {
        var level = new List<Guid> { folderId };
        var height = 0;
        while (height <= DocumentRules.MaxFolderDepth)
        {
            level = await db.Set<DocumentFolder>().Where(f => f.ParentId != null && level.Contains(f.ParentId.Value)).Select(f => f.Id).ToListAsync(cancellationToken);
            if (level.Count == 0) break;
            height++;
        }
        return height;
    }
}

internal static class DocumentEvents
{
    public const string Changed = "documents.changed";

    /// <summary>Readers of the sphere refresh their document list; the gate filters recipients when each event is delivered.</summary>
    public static Task ChangedAsync(LivePublisher live, Guid organizationId, Guid sphereId, string kind, Guid id, CancellationToken cancellationToken) =>
        live.SphereEventAsync(Changed, organizationId, sphereId, new { sphereId, kind, id }, null, cancellationToken);
}
