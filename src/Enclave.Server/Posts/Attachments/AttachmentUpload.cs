using System.Diagnostics;
using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Files;
using Enclave.Server.Web;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Enclave.Server.Posts.Attachments;

/// <summary>
/// Receives one file, streamed straight into the blob store (never held in memory), either as
/// <c>multipart/form-data</c> (field <c>file</c>, what an HTML form sends) or as the raw request
/// body with a <c>filename</c> query parameter (simplest for programs). Any failure leaves nothing
/// behind: no row, and the partial blob is deleted.
/// </summary>
public sealed class AttachmentUpload(EnclaveDb db, IBlobStore blobs, TimeProvider clock, IOptions<AttachmentOptions> options)
{
    /// <summary>Room for multipart boundaries, part headers and small extra fields around the file.</summary>
    public const long MultipartOverhead = 64 * 1024;

    public Task<Attachment> ReceiveAsync(SphereAccess access, Guid uploaderId, HttpRequest request, string? fileName, CancellationToken cancellationToken)
    {
        var max = options.Value.MaxBytes;
        return ReadFileAsync(request, fileName, max, () => TooLarge(max),
            (body, name, multipart) => StoreAsync(access, uploaderId, body, name, multipart, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Finds the one file of a request, without buffering it: the multipart field <c>file</c>, or the
    /// raw body named by <paramref name="fileName"/>, and hands its stream to <paramref name="store"/>
    /// (with the client's name and whether it came as multipart). Shared by every upload endpoint.
    /// </summary>
    public static async Task<T> ReadFileAsync<T>(HttpRequest request, string? fileName, long max, Func<ProblemException> tooLarge,
        Func<Stream, string?, bool, Task<T>> store, CancellationToken cancellationToken)
    {
        var multipart = MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType) &&
            string.Equals(mediaType.MediaType.Value, "multipart/form-data", StringComparison.OrdinalIgnoreCase);
        // Refuse a declared oversize body before reading a byte of it.
        if (request.ContentLength > max + (multipart ? MultipartOverhead : 0)) throw tooLarge();
        if (!multipart)
        {
            if (string.IsNullOrWhiteSpace(fileName))
                Validation.Field("filename", "is required when the file is sent as the raw body (or send multipart/form-data with a field named file).");
            return await store(request.Body, fileName, false);
        }
        var boundary = HeaderUtilities.RemoveQuotes(mediaType!.Boundary).Value;
        if (string.IsNullOrEmpty(boundary) || boundary.Length > 70) throw Malformed();
        var reader = new MultipartReader(boundary, request.Body) { HeadersLengthLimit = 16 * 1024, HeadersCountLimit = 16 };
        while (await NextSectionAsync(reader, cancellationToken) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.IsFileDisposition() ||
                HeaderUtilities.RemoveQuotes(disposition.Name).Value != "file")
                continue;
            var name = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
            return await store(section.Body, name, true);
        }
        Validation.Field("file", "is required: send the file in a multipart field named file.");
        throw new UnreachableException();
    }

    /// <summary>One file already separated from its request (a page's multipart form, read by the framework).</summary>
    public Task<Attachment> ReceiveFileAsync(SphereAccess access, Guid uploaderId, Stream content, string? fileName, CancellationToken cancellationToken) =>
        StoreAsync(access, uploaderId, content, fileName, multipart: true, cancellationToken);

    private async Task<Attachment> StoreAsync(SphereAccess access, Guid uploaderId, Stream body, string? rawName, bool multipart, CancellationToken cancellationToken)
    {
        var max = options.Value.MaxBytes;
        var organizationId = access.Sphere.OrganizationId;
        var upload = new UploadStream(body, max, cancellationToken);
        // The upload stream never throws into the store, and the store is not cancelled half-way:
        // whatever happens, we get a key back and can delete what was written.
        var key = await blobs.PutAsync(organizationId, upload, CancellationToken.None);
        try
        {
            if (upload.TooLarge) throw TooLarge(max);
            if (upload.Failure is { } failure)
            {
                // A multipart body that breaks off is the client's mistake; anything else (client gone,
                // Kestrel's own size limit) keeps its meaning.
                if (multipart && IsMalformed(failure.SourceException, cancellationToken)) throw Malformed();
                failure.Throw();
            }
            if (upload.Total == 0)
                throw new ProblemException(StatusCodes.Status400BadRequest, "empty_file", "The file is empty.",
                    new Dictionary<string, string[]> { ["file"] = ["is empty (zero bytes)."] });
            var attachment = new Attachment
            {
                Id = Ids.New(), OrganizationId = organizationId, SphereId = access.Sphere.Id, UploaderId = uploaderId,
                FileName = AttachmentFileName.Sanitize(rawName), ContentType = ContentSniffer.Detect(upload.Head, upload.Total <= upload.Head.Length),
                Size = upload.Total, BlobKey = key, CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            db.Attachments.Add(attachment);
            await db.SaveChangesAsync(cancellationToken);
            return attachment;
        }
        catch
        {
            await blobs.DeleteAsync(organizationId, key, CancellationToken.None);
            throw;
        }
    }

    private static async Task<MultipartSection?> NextSectionAsync(MultipartReader reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadNextSectionAsync(cancellationToken);
        }
        catch (Exception e) when (IsMalformed(e, cancellationToken))
        {
            throw Malformed();
        }
    }

    internal static bool IsMalformed(Exception e, CancellationToken cancellationToken) =>
        e is InvalidDataException || (e is IOException and not BadHttpRequestException && !cancellationToken.IsCancellationRequested);

    public static ProblemException TooLarge(long max) =>
        new(StatusCodes.Status413PayloadTooLarge, "payload_too_large", $"A file is at most {FormatSize(max)}.");

    internal static ProblemException Malformed() =>
        new(StatusCodes.Status400BadRequest, "malformed_multipart", "The multipart/form-data body is malformed or incomplete.");

    internal static string FormatSize(long bytes) =>
        bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0 ? $"{bytes / (1024 * 1024)} MiB"
        : bytes >= 1024 && bytes % 1024 == 0 ? $"{bytes / 1024} KiB" : $"{bytes} bytes";
}
