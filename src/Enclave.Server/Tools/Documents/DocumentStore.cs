using Enclave.Server.Data;
using Enclave.Server.Files;
using Enclave.Server.Posts.Attachments;
using Enclave.Server.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Enclave.Server.Tools.Documents;

/// <summary>The bytes of one upload, stored (or found already stored) as a <see cref="DocumentContent"/>.</summary>
public sealed record StoredUpload(Guid ContentId, string FileName, string ContentType, long Size, bool Created);

/// <summary>
/// Streams an upload into the blob store while hashing it, then keeps one copy per organization:
/// when the organization already holds the same bytes, the new blob is deleted and the existing
/// content reused. Refusals (too large, empty, over quota, broken body) delete the blob: nothing
/// is left behind, and the client may simply send the file again.
/// </summary>
public sealed class DocumentStore(EnclaveDb db, IBlobStore blobs, TimeProvider clock, IOptions<DocumentOptions> options)
{
    public long MaxBytes => options.Value.MaxFileBytes;

    /// <summary>Reads the request's one file (multipart field <c>file</c>, or the raw body with <paramref name="fileName"/>).</summary>
    public Task<StoredUpload> ReceiveAsync(Guid organizationId, HttpRequest request, string? fileName, CancellationToken cancellationToken) =>
        AttachmentUpload.ReadFileAsync(request, fileName, MaxBytes, () => DocumentRules.TooLarge(MaxBytes),
            (body, name, multipart) => StoreAsync(organizationId, body, name, multipart, cancellationToken), cancellationToken);

    public async Task<StoredUpload> StoreAsync(Guid organizationId, Stream body, string? rawName, bool multipart, CancellationToken cancellationToken)
    {
        var max = MaxBytes;
        var upload = new UploadStream(body, max, cancellationToken);
        using var hashing = new HashingStream(upload);
        var key = await blobs.PutAsync(organizationId, hashing, CancellationToken.None);
        var keep = false;
        try
        {
            if (upload.TooLarge) throw DocumentRules.TooLarge(max);
            if (upload.Failure is { } failure)
            {
                if (multipart && AttachmentUpload.IsMalformed(failure.SourceException, cancellationToken)) throw AttachmentUpload.Malformed();
                failure.Throw();
            }
            if (upload.Total == 0)
                throw new ProblemException(StatusCodes.Status400BadRequest, "empty_file", "The file is empty.",
                    new Dictionary<string, string[]> { ["file"] = ["is empty (zero bytes)."] });
            var hash = hashing.Finish();
            var contentType = ContentSniffer.Detect(upload.Head, upload.Total <= upload.Head.Length);
            var name = AttachmentFileName.Sanitize(rawName);
            if (await FindAsync(organizationId, hash, cancellationToken) is { } existing)
                return new StoredUpload(existing, name, contentType, upload.Total, false);
            // Physical bytes: only new content counts against the quota.
            var used = await db.Set<DocumentContent>().Where(c => c.OrganizationId == organizationId).SumAsync(c => (long?)c.Size, cancellationToken) ?? 0;
            if (used + upload.Total > options.Value.QuotaBytesPerOrganization) throw DocumentRules.QuotaExceeded();
            var content = new DocumentContent
            {
                Id = Ids.New(), OrganizationId = organizationId, Hash = hash, BlobKey = key, Size = upload.Total, CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            db.Set<DocumentContent>().Add(content);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // The same bytes arrived at the same time: the unique (organization, hash) index kept the other copy.
                db.Entry(content).State = EntityState.Detached;
                var winner = await FindAsync(organizationId, hash, cancellationToken);
                if (winner is null) throw;
                return new StoredUpload(winner.Value, name, contentType, upload.Total, false);
            }
            keep = true;
            return new StoredUpload(content.Id, name, contentType, upload.Total, true);
        }
        finally
        {
            if (!keep) await blobs.DeleteAsync(organizationId, key, CancellationToken.None);
        }
    }

    private Task<Guid?> FindAsync(Guid organizationId, string hash, CancellationToken cancellationToken) =>
        db.Set<DocumentContent>().Where(c => c.OrganizationId == organizationId && c.Hash == hash).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Deletes contents no version uses any more, row first (conditionally, so a version added
    /// meanwhile keeps it), then the blob. Called after a purge; the sweep catches the rest.
    /// </summary>
    public async Task<int> ReleaseAsync(IEnumerable<Guid> contentIds, CancellationToken cancellationToken)
    {
        var released = 0;
        foreach (var id in contentIds.Distinct())
        {
            var row = await db.Set<DocumentContent>().AsNoTracking().Where(c => c.Id == id).Select(c => new { c.OrganizationId, c.BlobKey }).FirstOrDefaultAsync(cancellationToken);
            if (row is null) continue;
            var deleted = await db.Set<DocumentContent>()
                .Where(c => c.Id == id && !db.Set<DocumentVersion>().Any(v => v.ContentId == id)).ExecuteDeleteAsync(cancellationToken);
            if (deleted == 0) continue;
            await blobs.DeleteAsync(row.OrganizationId, row.BlobKey, CancellationToken.None);
            released++;
        }
        return released;
    }
}
