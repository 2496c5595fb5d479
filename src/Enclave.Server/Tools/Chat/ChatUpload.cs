using Enclave.Server.Data;
using Enclave.Server.Files;
using Enclave.Server.Posts.Attachments;
using Enclave.Server.Web;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Enclave.Server.Tools.Chat;

/// <summary>
/// A file for a chat message, streamed into the blob store with the posts' limits, sniffing and
/// name sanitizing (<c>Posts/Attachments</c>). It stays pending until a message lists it. Channel
/// files are kept under the sphere's organization; direct and group files under the uploader's
/// personal organization. Any failure leaves nothing behind.
/// </summary>
public sealed class ChatUpload(EnclaveDb db, IBlobStore blobs, TimeProvider clock, IOptions<AttachmentOptions> options)
{
    public async Task<ChatAttachment> ReceiveAsync(ChatContext context, Guid uploaderId, HttpRequest request, string? fileName, CancellationToken cancellationToken)
    {
        var max = options.Value.MaxBytes;
        var multipart = MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType) &&
            string.Equals(mediaType.MediaType.Value, "multipart/form-data", StringComparison.OrdinalIgnoreCase);
        if (request.ContentLength > max + (multipart ? AttachmentUpload.MultipartOverhead : 0)) throw AttachmentUpload.TooLarge(max);
        if (!multipart)
        {
            if (string.IsNullOrWhiteSpace(fileName)) Validation.Field("filename", "is required when the file is sent as the raw body.");
            return await StoreAsync(context, uploaderId, request.Body, fileName, cancellationToken);
        }
        var boundary = HeaderUtilities.RemoveQuotes(mediaType!.Boundary).Value;
        if (string.IsNullOrEmpty(boundary) || boundary.Length > 70) throw Malformed();
        var reader = new MultipartReader(boundary, request.Body) { HeadersLengthLimit = 16 * 1024, HeadersCountLimit = 16 };
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.IsFileDisposition() ||
                    HeaderUtilities.RemoveQuotes(disposition.Name).Value != "file")
                    continue;
                var name = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
                return await StoreAsync(context, uploaderId, section.Body, name, cancellationToken);
            }
        }
        catch (Exception e) when (e is InvalidDataException || (e is IOException and not BadHttpRequestException && !cancellationToken.IsCancellationRequested))
        {
            throw Malformed();
        }
        Validation.Field("file", "is required: send the file in a multipart field named file.");
        throw new InvalidOperationException();
    }

    public async Task<ChatAttachment> StoreAsync(ChatContext context, Guid uploaderId, Stream body, string? rawName, CancellationToken cancellationToken)
    {
        var max = options.Value.MaxBytes;
        var organizationId = context.Conversation.OrganizationId ??
            await db.Users.Where(u => u.Id == uploaderId).Select(u => u.PersonalOrganizationId).FirstAsync(cancellationToken);
        var upload = new UploadStream(body, max, cancellationToken);
        var key = await blobs.PutAsync(organizationId, upload, CancellationToken.None);
        try
        {
            if (upload.TooLarge) throw AttachmentUpload.TooLarge(max);
            if (upload.Failure is { } failure)
            {
                if (failure.SourceException is InvalidDataException or IOException && !cancellationToken.IsCancellationRequested) throw Malformed();
                failure.Throw();
            }
            if (upload.Total == 0)
                throw new ProblemException(StatusCodes.Status400BadRequest, "empty_file", "The file is empty.",
                    new Dictionary<string, string[]> { ["file"] = ["is empty (zero bytes)."] });
            var attachment = new ChatAttachment
            {
                Id = Ids.New(), ConversationId = context.Conversation.Id, OrganizationId = organizationId, UploaderId = uploaderId,
                FileName = AttachmentFileName.Sanitize(rawName), ContentType = ContentSniffer.Detect(upload.Head, upload.Total <= upload.Head.Length),
                Size = upload.Total, BlobKey = key, CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            db.Set<ChatAttachment>().Add(attachment);
            await db.SaveChangesAsync(cancellationToken);
            return attachment;
        }
        catch
        {
            await blobs.DeleteAsync(organizationId, key, CancellationToken.None);
            throw;
        }
    }

    private static ProblemException Malformed() =>
        new(StatusCodes.Status400BadRequest, "malformed_multipart", "The multipart/form-data body is malformed or incomplete.");
}
