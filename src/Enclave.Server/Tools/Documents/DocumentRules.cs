using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Posts.Attachments;
using Enclave.Server.Web;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Tools.Documents;

/// <summary>
/// Who may do what in a document box, and the by-id lookups that go through the gate: every
/// lookup loads the row first, then asks the gate with the row's own sphere, and answers 404 for
/// anything the viewer may not read (a trashed item counts as gone outside the trash).
/// </summary>
public static class DocumentRules
{
    public const int MaxNameLength = AttachmentFileName.MaxLength;
    public const int MaxFolderDepth = 20;

    /// <summary>File and folder names: the attachment rules (last path segment, no control characters, bounded).</summary>
    public static string Name(string? raw, string field = "name")
    {
        if (string.IsNullOrWhiteSpace(raw)) Validation.Field(field, "is required.");
        return AttachmentFileName.Sanitize(raw);
    }

    public static async Task<(DocumentFile File, SphereAccess Access)> FileAsync(Guid id, Viewer viewer, AccessGate gate, EnclaveDb db,
        CancellationToken cancellationToken, bool trashed = false, bool track = false)
    {
        var query = track ? db.Set<DocumentFile>() : db.Set<DocumentFile>().AsNoTracking();
        var file = await query.FirstOrDefaultAsync(f => f.Id == id, cancellationToken) ?? throw ProblemException.NotFound("document");
        var access = await gate.ToolSphereAsync(viewer, file.SphereId, "document", cancellationToken);
        if ((file.TrashedAt is not null) != trashed) throw ProblemException.NotFound("document");
        return (file, access);
    }

    public static async Task<(DocumentFolder Folder, SphereAccess Access)> FolderAsync(Guid id, Viewer viewer, AccessGate gate, EnclaveDb db,
        CancellationToken cancellationToken, bool track = false)
    {
        var query = track ? db.Set<DocumentFolder>() : db.Set<DocumentFolder>().AsNoTracking();
        var folder = await query.FirstOrDefaultAsync(f => f.Id == id, cancellationToken) ?? throw ProblemException.NotFound("folder");
        var access = await gate.ToolSphereAsync(viewer, folder.SphereId, "folder", cancellationToken);
        return (folder, access);
    }

    /// <summary>Adding and changing files and folders follows the sphere's publishing rules.</summary>
    public static void RequireWriter(SphereAccess access)
    {
        if (!access.CanPost) throw ProblemException.Forbidden("cannot_edit_documents", "Only those who publish in this sphere add or change its documents.");
    }

    /// <summary>Trash, restore, purge and folder deletion: the sphere's staff, or the file's (folder's) creator while they still publish there.</summary>
    public static void RequireOwnerOrStaff(SphereAccess access, Guid? ownerId, Viewer viewer)
    {
        if (access.ActsAsStaff || (ownerId is not null && ownerId == viewer.UserId && access.CanPost)) return;
        throw ProblemException.Forbidden("not_document_owner", "Only the sphere's staff or the person who added it may do this.");
    }

    public static bool IsLockedByOther(DocumentFile file, Guid? viewerId, DateTime now) =>
        file.LockedById is { } by && by != viewerId && file.LockedUntil > now;

    /// <summary>Another person's lock blocks new versions, renames, moves and trashing.</summary>
    public static void RequireUnlocked(DocumentFile file, Viewer viewer, DateTime now)
    {
        if (IsLockedByOther(file, viewer.UserId, now))
            throw ProblemException.Conflict("document_locked", "Someone is editing this document: wait until they unlock it.");
    }

    /// <summary>A folder of the same sphere (or the root), checked as the target of a move or a new item.</summary>
    public static async Task RequireFolderInSphereAsync(Guid? folderId, Guid sphereId, EnclaveDb db, CancellationToken cancellationToken, string field = "folderId")
    {
        if (folderId is not { } id) return;
        if (!await db.Set<DocumentFolder>().AnyAsync(f => f.Id == id && f.SphereId == sphereId, cancellationToken))
            throw ProblemException.Unprocessable("folder_not_found", "The target folder does not exist in this sphere.",
                new Dictionary<string, string[]> { [field] = ["is not a folder of this sphere."] });
    }

    public static ProblemException TooLarge(long max) =>
        new(StatusCodes.Status413PayloadTooLarge, "file_too_large", $"A document is at most {FormatSize(max)}.");

    private static string FormatSize(long max) => AttachmentUpload.FormatSize(max);

    public static ProblemException QuotaExceeded() =>
        new(StatusCodes.Status507InsufficientStorage, "storage_quota_exceeded", "The organization's document storage is full: purge files from the trash or ask an administrator.");
}
