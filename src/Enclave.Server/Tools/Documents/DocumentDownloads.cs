using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Files;
using Enclave.Server.Posts.Attachments;
using Enclave.Server.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace Enclave.Server.Tools.Documents;

/// <summary>
/// Downloads, through the gate like every read: the sniffed type (never the uploader's claim),
/// never sniffed again by the browser, inline only for raster images and PDF (the browser's own
/// preview), otherwise as an attachment. Range requests resume broken downloads. Revalidated on
/// every use, so access withdrawn is access withdrawn.
/// </summary>
public static class DocumentDownloads
{
    internal static async Task<FileStreamHttpResult> Current(Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, IBlobStore blobs, HttpResponse response,
        CancellationToken cancellationToken)
    {
        var (file, _) = await DocumentRules.FileAsync(id, viewer, gate, db, cancellationToken);
        return await ServeAsync(file, file.Version, db, blobs, response, cancellationToken);
    }

    internal static async Task<FileStreamHttpResult> Version(Guid id, int number, Viewer viewer, AccessGate gate, EnclaveDb db, IBlobStore blobs,
        HttpResponse response, CancellationToken cancellationToken)
    {
        var (file, _) = await DocumentRules.FileAsync(id, viewer, gate, db, cancellationToken);
        return await ServeAsync(file, number, db, blobs, response, cancellationToken);
    }

    private static async Task<FileStreamHttpResult> ServeAsync(DocumentFile file, int number, EnclaveDb db, IBlobStore blobs, HttpResponse response,
        CancellationToken cancellationToken)
    {
        var found = await (from v in db.Set<DocumentVersion>().AsNoTracking()
                           join c in db.Set<DocumentContent>() on v.ContentId equals c.Id
                           where v.FileId == file.Id && v.Number == number
                           select new { v.Id, v.ContentType, v.CreatedAt, c.OrganizationId, c.BlobKey }).FirstOrDefaultAsync(cancellationToken)
            ?? throw ProblemException.NotFound("version");
        var stream = await blobs.OpenAsync(found.OrganizationId, found.BlobKey, cancellationToken) ?? throw ProblemException.NotFound("version");
        response.Headers.ContentDisposition = AttachmentEndpoints.ContentDisposition(file.Name, IsInline(found.ContentType));
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.CacheControl = "private, no-cache";
        return TypedResults.Stream(stream, found.ContentType, lastModified: new DateTimeOffset(found.CreatedAt, TimeSpan.Zero),
            entityTag: new EntityTagHeaderValue($"\"{found.Id:N}\""), enableRangeProcessing: true);
    }

    /// <summary>What the browser may preview itself: raster images and PDF (its own viewer); everything else downloads.</summary>
    public static bool IsInline(string contentType) => ContentSniffer.IsInline(contentType) || contentType == "application/pdf";
}
