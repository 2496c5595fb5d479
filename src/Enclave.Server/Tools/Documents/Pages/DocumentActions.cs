using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Live;
using Enclave.Server.Posts;
using Enclave.Server.Ui;
using Enclave.Server.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Enclave.Server.Tools.Documents.Pages;

/// <summary>
/// The document pages' form actions. Each calls the API's own handler (same gate, same rules,
/// same limits) and goes back to the page; a refusal comes back as the page's message.
/// </summary>
public static class DocumentActions
{
    public static void MapDocumentActions(this RouteGroupBuilder ui)
    {
        var max = ((IEndpointRouteBuilder)ui).ServiceProvider.GetRequiredService<IOptions<DocumentOptions>>().Value.MaxFileBytes;
        var limit = new RequestSizeLimit(max + Posts.Attachments.AttachmentUpload.MultipartOverhead);
        ui.MapPost("/spheres/{id:guid}/documents/files", UploadAsync).WithMetadata(limit);
        ui.MapPost("/spheres/{id:guid}/documents/folders", async (Guid id, [FromForm] string? name, [FromForm] string? parentId, [FromForm] string? returnUrl,
            Viewer viewer, AccessGate gate, EnclaveDb db, DocumentViews views, LivePublisher live, TimeProvider clock, HttpContext http, CancellationToken ct) =>
        {
            await DocumentEndpoints.CreateFolder(id, new CreateFolderRequest(name, OptionalId(parentId)), viewer, gate, db, views, live, clock, ct);
            return UiActions.Back(http, returnUrl);
        });
        ui.MapPost("/documents/folders/{id:guid}/rename", async (Guid id, [FromForm] string? name, [FromForm] string? returnUrl, Viewer viewer, AccessGate gate,
            EnclaveDb db, DocumentViews views, LivePublisher live, HttpContext http, CancellationToken ct) =>
        {
            await DocumentEndpoints.RenameFolder(id, new DocumentRenameRequest(name), viewer, gate, db, views, live, ct);
            return UiActions.Back(http, returnUrl);
        });
        ui.MapPost("/documents/folders/{id:guid}/delete", async (Guid id, [FromForm] string? returnUrl, Viewer viewer, AccessGate gate, EnclaveDb db,
            LivePublisher live, HttpContext http, CancellationToken ct) =>
        {
            await DocumentEndpoints.DeleteFolder(id, viewer, gate, db, live, ct);
            return UiActions.Back(http, returnUrl);
        });
        ui.MapPost("/documents/files/{id:guid}/versions", UploadVersionAsync).WithMetadata(limit);
        ui.MapPost("/documents/files/{id:guid}/versions/{number:int}/restore", async (Guid id, int number, [FromForm] string? returnUrl, Viewer viewer,
            AccessGate gate, EnclaveDb db, DocumentStore store, DocumentVersions versions, DocumentViews views, LivePublisher live, TimeProvider clock, HttpContext http,
            CancellationToken ct) =>
        {
            await DocumentFileEndpoints.RestoreVersion(id, number, viewer, gate, db, store, versions, views, live, clock, ct);
            return UiActions.Back(http, returnUrl);
        });
        ui.MapPost("/documents/files/{id:guid}/rename", async (Guid id, [FromForm] string? name, [FromForm] string? returnUrl, Viewer viewer, AccessGate gate,
            EnclaveDb db, DocumentViews views, LivePublisher live, TimeProvider clock, HttpContext http, CancellationToken ct) =>
        {
            await DocumentFileEndpoints.Rename(id, new DocumentRenameRequest(name), viewer, gate, db, views, live, clock, ct);
            return UiActions.Back(http, returnUrl);
        });
        ui.MapPost("/documents/files/{id:guid}/move", async (Guid id, [FromForm] string? folderId, [FromForm] string? returnUrl, Viewer viewer, AccessGate gate,
            EnclaveDb db, DocumentViews views, LivePublisher live, TimeProvider clock, HttpContext http, CancellationToken ct) =>
        {
            await DocumentFileEndpoints.Move(id, new DocumentMoveRequest(OptionalId(folderId)), viewer, gate, db, views, live, clock, ct);
            return UiActions.Back(http, returnUrl);
        });
        ui.MapPost("/documents/files/{id:guid}/lock", async (Guid id, [FromForm] string? returnUrl, Viewer viewer, AccessGate gate, EnclaveDb db,
            DocumentViews views, LivePublisher live, TimeProvider clock, IOptions<DocumentOptions> options, HttpContext http, CancellationToken ct) =>
        {
            await DocumentLocks.Lock(id, viewer, gate, db, views, live, clock, options, ct);
            return UiActions.Back(http, returnUrl);
        });
        ui.MapPost("/documents/files/{id:guid}/unlock", async (Guid id, [FromForm] string? returnUrl, Viewer viewer, AccessGate gate, EnclaveDb db,
            LivePublisher live, TimeProvider clock, HttpContext http, CancellationToken ct) =>
        {
            await DocumentLocks.Unlock(id, viewer, gate, db, live, clock, ct);
            return UiActions.Back(http, returnUrl);
        });
        ui.MapPost("/documents/files/{id:guid}/trash", async (Guid id, [FromForm] string? returnUrl, Viewer viewer, AccessGate gate, EnclaveDb db,
            DocumentViews views, LivePublisher live, TimeProvider clock, HttpContext http, CancellationToken ct) =>
        {
            await DocumentTrash.MoveToTrash(id, viewer, gate, db, views, live, clock, ct);
            return UiActions.Back(http, returnUrl);
        });
        ui.MapPost("/documents/files/{id:guid}/restore", async (Guid id, [FromForm] string? returnUrl, Viewer viewer, AccessGate gate, EnclaveDb db,
            DocumentViews views, LivePublisher live, HttpContext http, CancellationToken ct) =>
        {
            await DocumentTrash.Restore(id, viewer, gate, db, views, live, ct);
            return UiActions.Back(http, returnUrl);
        });
        ui.MapPost("/documents/files/{id:guid}/purge", async (Guid id, [FromForm] string? returnUrl, Viewer viewer, AccessGate gate, EnclaveDb db,
            DocumentStore store, LivePublisher live, HttpContext http, CancellationToken ct) =>
        {
            await DocumentTrash.Purge(id, viewer, gate, db, store, live, ct);
            return UiActions.Back(http, returnUrl);
        });
        ui.MapPost("/documents/files/{id:guid}/share", ShareAsync);
    }

    private static async Task<IResult> UploadAsync(Guid id, HttpContext http, Viewer viewer, AccessGate gate, EnclaveDb db, DocumentStore store,
        DocumentViews views, LivePublisher live, TimeProvider clock, CancellationToken ct)
    {
        var form = await http.Request.ReadFormAsync(ct);
        var file = form.Files.GetFile("file");
        if (file is null) Validation.Field("file", "is required.");
        await using var content = file!.OpenReadStream();
        var created = await DocumentFileEndpoints.UploadFile(id, OptionalId(form["folderId"]), content, file.FileName, viewer, gate, db, store, views, live, clock, ct);
        return UiActions.Back(http, form["returnUrl"].ToString() is { Length: > 0 } back ? back : $"/s/{created.SphereId}/documents");
    }

    private static async Task<IResult> UploadVersionAsync(Guid id, HttpContext http, Viewer viewer, AccessGate gate, EnclaveDb db, DocumentStore store,
        DocumentVersions versions, DocumentViews views, LivePublisher live, TimeProvider clock, CancellationToken ct)
    {
        var form = await http.Request.ReadFormAsync(ct);
        var file = form.Files.GetFile("file");
        if (file is null) Validation.Field("file", "is required.");
        await using var content = file!.OpenReadStream();
        await DocumentFileEndpoints.UploadVersionFile(id, content, viewer, gate, db, store, versions, views, live, clock, ct);
        return UiActions.Back(http, form["returnUrl"].ToString());
    }

    /// <summary>A post in the file's sphere carrying the file; then to that post.</summary>
    private static async Task<IResult> ShareAsync(Guid id, [FromForm] string? body, Viewer viewer, AccessGate gate, EnclaveDb db, PostService posts,
        PostViewBuilder views, PostEvents events, HttpContext http, CancellationToken ct)
    {
        var (file, _) = await DocumentRules.FileAsync(id, viewer, gate, db, ct);
        var text = string.IsNullOrWhiteSpace(body) ? file.Name : body;
        var created = await PostEndpoints.Create(file.SphereId, new CreatePostRequest(text, null, null, null, null, null, null, new ToolReference("document", file.Id)),
            viewer, gate, posts, views, events, ct);
        return UiActions.Back(http, $"/p/{created.Value!.Id}");
    }

    private static Guid? OptionalId(string? value) => Guid.TryParse(value, out var id) ? id : null;
}

/// <summary>What the document pages read besides the API's lists.</summary>
public static class DocumentPages
{
    /// <summary>Every folder of a sphere the viewer already reads (the move form's choices), by name; bounded.</summary>
    public static async Task<IReadOnlyList<DocumentFolderResponse>> FoldersOfAsync(Guid sphereId, EnclaveDb db, DocumentViews views, CancellationToken ct) =>
        await views.FoldersAsync(await db.Set<DocumentFolder>().AsNoTracking().Where(f => f.SphereId == sphereId).OrderBy(f => f.Name).Take(500).ToListAsync(ct), ct);
}
