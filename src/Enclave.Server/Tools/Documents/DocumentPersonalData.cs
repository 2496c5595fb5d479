using Enclave.Server.Privacy;
using Enclave.Server.Privacy.Closing;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Tools.Documents;

/// <summary>
/// The document box's part in closing an account and in a data export. Files are the sphere's
/// shared work: with "anonymize" they stay, and every mention of the person (uploader, version
/// author, folder creator, lock, trash) is removed; a file name carrying their name becomes
/// neutral. With "deleteEverything" the files they created go too, with all their versions;
/// versions they added to other people's files stay in those files' history, anonymously.
/// Bytes nothing uses any more are deleted by <see cref="DocumentSweep"/>.
/// </summary>
public sealed class DocumentPersonalData : IPersonalDataEraser, IPersonalDataExporter
{
    /// <summary>Before the core eraser removes the user row.</summary>
    public int Order => -10;

    public async Task EraseAsync(PersonalDataErasure erasure, CancellationToken cancellationToken)
    {
        var db = erasure.Db;
        var id = erasure.UserId;
        var files = db.Set<DocumentFile>();
        if (erasure.Choice == ClosingChoice.DeleteEverything)
            await files.Where(f => f.UploaderId == id).ExecuteDeleteAsync(cancellationToken);
        else if (await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken) is { } user)
        {
            var parts = Tombstone.IdentityParts(user);
            foreach (var file in await files.Where(f => f.UploaderId == id).ToListAsync(cancellationToken))
                if (parts.Any(p => file.Name.Contains(p, StringComparison.OrdinalIgnoreCase)))
                    file.Name = "file" + Path.GetExtension(file.Name);
            await db.SaveChangesAsync(cancellationToken);
        }
        await files.Where(f => f.UploaderId == id).ExecuteUpdateAsync(s => s.SetProperty(f => f.UploaderId, (Guid?)null), cancellationToken);
        await files.Where(f => f.TrashedById == id).ExecuteUpdateAsync(s => s.SetProperty(f => f.TrashedById, (Guid?)null), cancellationToken);
        await files.Where(f => f.LockedById == id).ExecuteUpdateAsync(s => s
            .SetProperty(f => f.LockedById, (Guid?)null).SetProperty(f => f.LockedUntil, (DateTime?)null), cancellationToken);
        await db.Set<DocumentVersion>().Where(v => v.UploaderId == id).ExecuteUpdateAsync(s => s.SetProperty(v => v.UploaderId, (Guid?)null), cancellationToken);
        await db.Set<DocumentFolder>().Where(f => f.CreatedById == id).ExecuteUpdateAsync(s => s.SetProperty(f => f.CreatedById, (Guid?)null), cancellationToken);
    }

    /// <summary>The versions the person uploaded (names, places, sizes, dates); the bytes stay in the spheres, downloadable there.</summary>
    public async Task ExportAsync(PersonalDataExport export, CancellationToken cancellationToken)
    {
        var db = export.Db;
        var id = export.UserId;
        var versions = await (from v in db.Set<DocumentVersion>().AsNoTracking()
                              join f in db.Set<DocumentFile>() on v.FileId equals f.Id
                              where v.UploaderId == id
                              orderby v.Id
                              select new { FileId = f.Id, f.SphereId, f.OrganizationId, FileName = f.Name, v.Number, v.Size, v.ContentType, v.CreatedAt })
            .ToListAsync(cancellationToken);
        await export.Archive.AddJsonAsync("documents/versions.json", versions, cancellationToken);
        var folders = await db.Set<DocumentFolder>().AsNoTracking().Where(f => f.CreatedById == id).OrderBy(f => f.Id)
            .Select(f => new { f.Id, f.SphereId, f.Name, f.CreatedAt }).ToListAsync(cancellationToken);
        await export.Archive.AddJsonAsync("documents/folders.json", folders, cancellationToken);
    }
}
