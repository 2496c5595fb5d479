using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Live;
using Enclave.Server.Posts.Attachments;
using Enclave.Server.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Enclave.Server.Tools.Documents;

/// <summary>Files of the document box: upload, metadata, versions, rename, move, lock, trash. Downloads are in <see cref="DocumentDownloads"/>.</summary>
public static class DocumentFileEndpoints
{
    public static void MapDocumentFiles(this RouteGroupBuilder api)
    {
        var maxBytes = ((IEndpointRouteBuilder)api).ServiceProvider.GetRequiredService<IOptions<DocumentOptions>>().Value.MaxFileBytes;
        var limit = new RequestSizeLimit(maxBytes + AttachmentUpload.MultipartOverhead);
        api.MapPost("/spheres/{id:guid}/documents/files", Upload).WithTags("Documents").WithMetadata(limit).ProducesProblem(507)
            .Accepts<IFormFile>("multipart/form-data", "application/octet-stream", "*/*")
            .WithSummary("Upload a new file (multipart field `file`, or the raw body with `?filename=`) into `folderId` (or the root).");
        var files = api.MapGroup("/documents/files").WithTags("Documents");
        files.MapGet("/{id:guid}", Get).WithSummary("A file's details: current version, size, type, lock.");
        files.MapGet("/{id:guid}/content", DocumentDownloads.Current).WithSummary("Download the current version (range requests supported).");
        files.MapGet("/{id:guid}/versions", Versions).WithSummary("The file's versions, newest first.");
        files.MapPost("/{id:guid}/versions", UploadVersion).WithMetadata(limit).ProducesProblem(507)
            .Accepts<IFormFile>("multipart/form-data", "application/octet-stream", "*/*").WithSummary("Upload a new version (it becomes current).");
        files.MapGet("/{id:guid}/versions/{number:int}/content", DocumentDownloads.Version).WithSummary("Download one version (range requests supported).");
        files.MapPost("/{id:guid}/versions/{number:int}/restore", RestoreVersion).WithSummary("Make an old version current again, as a new version.");
        files.MapPost("/{id:guid}/rename", Rename).WithSummary("Rename a file.");
        files.MapPost("/{id:guid}/move", Move).WithSummary("Move a file to another folder of the same sphere (`folderId` null: the root).");
        files.MapPost("/{id:guid}/lock", DocumentLocks.Lock).WithSummary("Lock the file (\"I'm editing this\"): others cannot add versions, rename, move or trash it until it is unlocked or expires.");
        files.MapDelete("/{id:guid}/lock", DocumentLocks.Unlock).WithSummary("Release the lock (its holder or the sphere's staff).");
        files.MapPost("/{id:guid}/trash", DocumentTrash.MoveToTrash).WithSummary("Put the file in the sphere's trash (staff or its uploader).");
        files.MapPost("/{id:guid}/restore", DocumentTrash.Restore).WithSummary("Bring a trashed file back (staff or its uploader).");
        files.MapDelete("/{id:guid}", DocumentTrash.Purge).WithSummary("Delete a trashed file and all its versions for good (staff or its uploader).");
    }

    internal static async Task<Created<DocumentFileResponse>> Upload(Guid id, Guid? folderId, string? filename, HttpRequest request, Viewer viewer, AccessGate gate,
        EnclaveDb db, DocumentStore store, DocumentViews views, LivePublisher live, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (access, folder) = await UploadTargetAsync(id, folderId, viewer, gate, db, cancellationToken);
        var upload = await store.ReceiveAsync(access.Sphere.OrganizationId, request, filename, cancellationToken);
        return await CreateAsync(access, folder, upload, viewer, db, store, views, live, clock, cancellationToken);
    }

    /// <summary>The same for a file a web form carried (already separated by the framework): same gate, same limits.</summary>
    internal static async Task<DocumentFileResponse> UploadFile(Guid id, Guid? folderId, Stream content, string? fileName, Viewer viewer, AccessGate gate,
        EnclaveDb db, DocumentStore store, DocumentViews views, LivePublisher live, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (access, folder) = await UploadTargetAsync(id, folderId, viewer, gate, db, cancellationToken);
        var upload = await store.StoreAsync(access.Sphere.OrganizationId, content, fileName, multipart: true, cancellationToken);
        return (await CreateAsync(access, folder, upload, viewer, db, store, views, live, clock, cancellationToken)).Value!;
    }

    private static async Task<(SphereAccess, Guid?)> UploadTargetAsync(Guid id, Guid? folderId, Viewer viewer, AccessGate gate, EnclaveDb db, CancellationToken cancellationToken)
    {
        var access = await gate.ToolSphereAsync(viewer, id, "sphere", cancellationToken);
        DocumentRules.RequireWriter(access);
        await DocumentRules.RequireFolderInSphereAsync(folderId, id, db, cancellationToken);
        return (access, folderId);
    }

    private static async Task<Created<DocumentFileResponse>> CreateAsync(SphereAccess access, Guid? folderId, StoredUpload upload, Viewer viewer, EnclaveDb db,
        DocumentStore store, DocumentViews views, LivePublisher live, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var file = new DocumentFile
        {
            Id = Ids.New(), OrganizationId = access.Sphere.OrganizationId, SphereId = access.Sphere.Id, FolderId = folderId, Name = upload.FileName,
            UploaderId = viewer.Id, Version = 1, Size = upload.Size, ContentType = upload.ContentType, CreatedAt = now, UpdatedAt = now,
        };
        db.Set<DocumentFile>().Add(file);
        db.Set<DocumentVersion>().Add(new DocumentVersion
        {
            Id = Ids.New(), OrganizationId = file.OrganizationId, FileId = file.Id, Number = 1, ContentId = upload.ContentId, Size = upload.Size,
            ContentType = upload.ContentType, UploaderId = viewer.Id, CreatedAt = now,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch when (upload.Created)
        {
            await store.ReleaseAsync([upload.ContentId], CancellationToken.None);
            throw;
        }
        await DocumentEvents.ChangedAsync(live, file.OrganizationId, file.SphereId, "file", file.Id, cancellationToken);
        return TypedResults.Created(DocumentFileResponse.Link(file.Id), await views.FileAsync(file, viewer.UserId, cancellationToken));
    }

    internal static async Task<Ok<DocumentFileResponse>> Get(Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, DocumentViews views, CancellationToken cancellationToken)
    {
        var (file, _) = await DocumentRules.FileAsync(id, viewer, gate, db, cancellationToken);
        return TypedResults.Ok(await views.FileAsync(file, viewer.UserId, cancellationToken));
    }

    internal static async Task<Ok<Page<DocumentVersionResponse>>> Versions(Guid id, string? cursor, int? limit, Viewer viewer, AccessGate gate, EnclaveDb db,
        DocumentVersions versions, DocumentViews views, CancellationToken cancellationToken)
    {
        var (file, _) = await DocumentRules.FileAsync(id, viewer, gate, db, cancellationToken);
        var page = await versions.ListAsync(file.Id, cursor, limit, cancellationToken);
        return TypedResults.Ok(new Page<DocumentVersionResponse>(await views.VersionsAsync(file, page.Items, cancellationToken), page.NextCursor));
    }

    internal static async Task<Created<DocumentVersionResponse>> UploadVersion(Guid id, string? filename, HttpRequest request, Viewer viewer, AccessGate gate,
        EnclaveDb db, DocumentStore store, DocumentVersions versions, DocumentViews views, LivePublisher live, TimeProvider clock, CancellationToken cancellationToken)
    {
        var file = await WritableAsync(id, viewer, gate, db, clock, cancellationToken);
        // The file keeps its name: a raw body needs no file name for a new version.
        var upload = await store.ReceiveAsync(file.OrganizationId, request, filename ?? file.Name, cancellationToken);
        return await AddVersionAsync(file, upload, null, viewer, store, versions, views, live, cancellationToken);
    }

    internal static async Task<DocumentVersionResponse> UploadVersionFile(Guid id, Stream content, Viewer viewer, AccessGate gate, EnclaveDb db, DocumentStore store,
        DocumentVersions versions, DocumentViews views, LivePublisher live, TimeProvider clock, CancellationToken cancellationToken)
    {
        var file = await WritableAsync(id, viewer, gate, db, clock, cancellationToken);
        var upload = await store.StoreAsync(file.OrganizationId, content, file.Name, multipart: true, cancellationToken);
        return (await AddVersionAsync(file, upload, null, viewer, store, versions, views, live, cancellationToken)).Value!;
    }

    internal static async Task<Created<DocumentVersionResponse>> RestoreVersion(Guid id, int number, Viewer viewer, AccessGate gate, EnclaveDb db,
        DocumentStore store, DocumentVersions versions, DocumentViews views, LivePublisher live, TimeProvider clock, CancellationToken cancellationToken)
    {
        var file = await WritableAsync(id, viewer, gate, db, clock, cancellationToken);
        var old = await db.Set<DocumentVersion>().AsNoTracking().FirstOrDefaultAsync(v => v.FileId == id && v.Number == number, cancellationToken)
            ?? throw ProblemException.NotFound("version");
        var upload = new StoredUpload(old.ContentId, file.Name, old.ContentType, old.Size, Created: false);
        return await AddVersionAsync(file, upload, number, viewer, store, versions, views, live, cancellationToken);
    }

    private static async Task<Created<DocumentVersionResponse>> AddVersionAsync(DocumentFile file, StoredUpload upload, int? restoredFrom, Viewer viewer,
        DocumentStore store, DocumentVersions versions, DocumentViews views, LivePublisher live, CancellationToken cancellationToken)
    {
        DocumentVersion version;
        try
        {
            version = await versions.AddAsync(file, upload, viewer.Id, restoredFrom, cancellationToken);
        }
        catch when (upload.Created)
        {
            await store.ReleaseAsync([upload.ContentId], CancellationToken.None);
            throw;
        }
        await DocumentEvents.ChangedAsync(live, file.OrganizationId, file.SphereId, "file", file.Id, cancellationToken);
        file.Version = Math.Max(file.Version, version.Number);
        var view = (await views.VersionsAsync(file, [version], cancellationToken))[0];
        return TypedResults.Created(view.ContentUrl, view);
    }

    internal static async Task<Ok<DocumentFileResponse>> Rename(Guid id, DocumentRenameRequest request, Viewer viewer, AccessGate gate, EnclaveDb db,
        DocumentViews views, LivePublisher live, TimeProvider clock, CancellationToken cancellationToken)
    {
        var file = await WritableAsync(id, viewer, gate, db, clock, cancellationToken, track: true);
        file.Name = DocumentRules.Name(request.Name);
        await db.SaveChangesAsync(cancellationToken);
        await DocumentEvents.ChangedAsync(live, file.OrganizationId, file.SphereId, "file", file.Id, cancellationToken);
        return TypedResults.Ok(await views.FileAsync(file, viewer.UserId, cancellationToken));
    }

    internal static async Task<Ok<DocumentFileResponse>> Move(Guid id, DocumentMoveRequest request, Viewer viewer, AccessGate gate, EnclaveDb db,
        DocumentViews views, LivePublisher live, TimeProvider clock, CancellationToken cancellationToken)
    {
        var file = await WritableAsync(id, viewer, gate, db, clock, cancellationToken, track: true);
        await DocumentRules.RequireFolderInSphereAsync(request.FolderId, file.SphereId, db, cancellationToken);
        file.FolderId = request.FolderId;
        await db.SaveChangesAsync(cancellationToken);
        await DocumentEvents.ChangedAsync(live, file.OrganizationId, file.SphereId, "file", file.Id, cancellationToken);
        return TypedResults.Ok(await views.FileAsync(file, viewer.UserId, cancellationToken));
    }

    /// <summary>A live file the viewer may change: they publish in its sphere and nobody else holds its lock.</summary>
    internal static async Task<DocumentFile> WritableAsync(Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, TimeProvider clock,
        CancellationToken cancellationToken, bool track = false)
    {
        var (file, access) = await DocumentRules.FileAsync(id, viewer, gate, db, cancellationToken, track: track);
        DocumentRules.RequireWriter(access);
        DocumentRules.RequireUnlocked(file, viewer, clock.GetUtcNow().UtcDateTime);
        return file;
    }
}
