using Enclave.Server.Accounts;
using Enclave.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Tools.Documents;

/// <summary>A person named on a document (uploader, locker); null once their account is erased.</summary>
public sealed record DocumentPerson(Guid Id, string DisplayName);

public sealed record DocumentLockResponse(DocumentPerson? By, DateTime Until, bool Mine);

public sealed record DocumentFolderResponse(Guid Id, Guid SphereId, Guid? ParentId, string Name, DocumentPerson? CreatedBy, DateTime CreatedAt);

public sealed record DocumentFileResponse(Guid Id, Guid SphereId, Guid? FolderId, string Name, long Size, string ContentType, int Version,
    DocumentPerson? Uploader, DateTime CreatedAt, DateTime UpdatedAt, DocumentLockResponse? Lock, DateTime? TrashedAt, string ContentUrl)
{
    public static string Link(Guid id) => $"/api/v1/documents/files/{id}";
}

public sealed record DocumentVersionResponse(Guid Id, int Number, long Size, string ContentType, DocumentPerson? Uploader, DateTime CreatedAt,
    int? RestoredFrom, bool Current, string ContentUrl);

/// <summary>One folder's content: where it is (<see cref="Path"/> from the root), its subfolders, and a page of its files (<see cref="Items"/>).</summary>
public sealed record DocumentListingResponse(Guid SphereId, DocumentFolderResponse? Folder, IReadOnlyList<DocumentFolderResponse> Path,
    IReadOnlyList<DocumentFolderResponse> Folders, IReadOnlyList<DocumentFileResponse> Items, string? NextCursor);

/// <summary>Turns rows into responses, naming people with one query per batch.</summary>
public sealed class DocumentViews(EnclaveDb db, TimeProvider clock)
{
    public async Task<Dictionary<Guid, DocumentPerson>> PeopleAsync(IEnumerable<Guid?> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.OfType<Guid>().Distinct().ToList();
        if (wanted.Count == 0) return [];
        var users = await db.Users.AsNoTracking().Where(u => wanted.Contains(u.Id)).ToListAsync(cancellationToken);
        return users.Select(UserSummary.From).ToDictionary(u => u.Id, u => new DocumentPerson(u.Id, u.DisplayName));
    }

    public async Task<List<DocumentFileResponse>> FilesAsync(IReadOnlyList<DocumentFile> files, Guid? viewerId, CancellationToken cancellationToken)
    {
        var people = await PeopleAsync(files.SelectMany(f => new[] { f.UploaderId, f.LockedById }), cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        return files.Select(f => File(f, people, viewerId, now)).ToList();
    }

    public async Task<DocumentFileResponse> FileAsync(DocumentFile file, Guid? viewerId, CancellationToken cancellationToken) =>
        (await FilesAsync([file], viewerId, cancellationToken))[0];

    public async Task<List<DocumentFolderResponse>> FoldersAsync(IReadOnlyList<DocumentFolder> folders, CancellationToken cancellationToken)
    {
        var people = await PeopleAsync(folders.Select(f => f.CreatedById), cancellationToken);
        return folders.Select(f => new DocumentFolderResponse(f.Id, f.SphereId, f.ParentId, f.Name, Person(people, f.CreatedById), f.CreatedAt)).ToList();
    }

    public async Task<List<DocumentVersionResponse>> VersionsAsync(DocumentFile file, IReadOnlyList<DocumentVersion> versions, CancellationToken cancellationToken)
    {
        var people = await PeopleAsync(versions.Select(v => v.UploaderId), cancellationToken);
        return versions.Select(v => new DocumentVersionResponse(v.Id, v.Number, v.Size, v.ContentType, Person(people, v.UploaderId), v.CreatedAt,
            v.RestoredFrom, v.Number == file.Version, $"{DocumentFileResponse.Link(file.Id)}/versions/{v.Number}/content")).ToList();
    }

    private static DocumentFileResponse File(DocumentFile f, Dictionary<Guid, DocumentPerson> people, Guid? viewerId, DateTime now)
    {
        // An expired lock is no lock: it is simply not shown.
        var held = f.LockedById is not null && f.LockedUntil > now
            ? new DocumentLockResponse(Person(people, f.LockedById), f.LockedUntil!.Value, f.LockedById == viewerId) : null;
        return new DocumentFileResponse(f.Id, f.SphereId, f.FolderId, f.Name, f.Size, f.ContentType, f.Version, Person(people, f.UploaderId),
            f.CreatedAt, f.UpdatedAt, held, f.TrashedAt, DocumentFileResponse.Link(f.Id) + "/content");
    }

    private static DocumentPerson? Person(Dictionary<Guid, DocumentPerson> people, Guid? id) =>
        id is { } value && people.TryGetValue(value, out var person) ? person : null;
}
