using Enclave.Server.Data;
using Enclave.Server.Web;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Tools.Documents;

/// <summary>
/// Adds versions to files. Numbers are settled by the database: the unique (file, number) index
/// refuses a second "version 3", and the loser simply takes the next number, so two people
/// uploading at the same moment both keep their work, in the order the database saw them.
/// </summary>
public sealed class DocumentVersions(EnclaveDb db, TimeProvider clock)
{
    private const int Attempts = 8;

    public async Task<DocumentVersion> AddAsync(DocumentFile file, StoredUpload upload, Guid uploaderId, int? restoredFrom, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var fileId = file.Id;
            var number = (await db.Set<DocumentVersion>().Where(v => v.FileId == fileId).MaxAsync(v => (int?)v.Number, cancellationToken) ?? 0) + 1;
            var now = clock.GetUtcNow().UtcDateTime;
            var version = new DocumentVersion
            {
                Id = Ids.New(), OrganizationId = file.OrganizationId, FileId = fileId, Number = number, ContentId = upload.ContentId,
                Size = upload.Size, ContentType = upload.ContentType, UploaderId = uploaderId, CreatedAt = now, RestoredFrom = restoredFrom,
            };
            db.Set<DocumentVersion>().Add(version);
            try
            {
                // The insert comes first in the transaction, so it takes the write lock before anything is read (SQLite).
                await db.InTransactionAsync(async () =>
                {
                    await db.SaveChangesAsync(cancellationToken);
                    // Only ever forward: a slower writer of a lower number never overwrites a higher one.
                    await db.Set<DocumentFile>().Where(f => f.Id == fileId && f.Version < number).ExecuteUpdateAsync(s => s
                        .SetProperty(f => f.Version, number).SetProperty(f => f.Size, upload.Size)
                        .SetProperty(f => f.ContentType, upload.ContentType).SetProperty(f => f.UpdatedAt, now), cancellationToken);
                }, cancellationToken);
                return version;
            }
            catch (DbUpdateException) when (attempt < Attempts)
            {
                db.Entry(version).State = EntityState.Detached;
            }
        }
    }

    /// <summary>Versions of a file, newest first, a page at a time.</summary>
    public Task<Page<DocumentVersion>> ListAsync(Guid fileId, string? cursor, int? limit, CancellationToken cancellationToken) =>
        db.Set<DocumentVersion>().AsNoTracking().Where(v => v.FileId == fileId)
            .ToPageAsync(v => v.Id, cursor, limit, v => v, cancellationToken, descending: true);
}
