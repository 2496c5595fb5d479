using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Files;
using Enclave.Server.Posts.Attachments;
using Enclave.Server.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Enclave.Server.Tools.Chat;

public static class ChatAttachmentEndpoints
{
    public static void MapChatAttachments(this RouteGroupBuilder chat)
    {
        var maxBytes = ((IEndpointRouteBuilder)chat).ServiceProvider.GetRequiredService<IOptions<AttachmentOptions>>().Value.MaxBytes;
        chat.MapPost("/conversations/{id:guid}/attachments", Upload)
            .WithMetadata(new RequestSizeLimit(maxBytes + AttachmentUpload.MultipartOverhead))
            .Accepts<IFormFile>("multipart/form-data", "application/octet-stream", "*/*")
            .WithSummary("Upload one file for a message (multipart field `file`, or the raw body with `?filename=`); send it by listing it in `attachmentIds`.");
        chat.MapGet("/attachments/{id:guid}", Download).WithSummary("Download a chat attachment (range requests supported).");
    }

    internal static async Task<Created<ChatAttachmentResponse>> Upload(Guid id, string? filename, HttpRequest request, Viewer viewer, ChatAccess access,
        ChatUpload uploads, CancellationToken cancellationToken)
    {
        var context = await access.OpenAsync(viewer, id, cancellationToken);
        await access.RequireCanSendAsync(viewer, context, cancellationToken);
        var attachment = await uploads.ReceiveAsync(context, viewer.Id, request, filename, cancellationToken);
        return TypedResults.Created($"/api/v1/chat/attachments/{attachment.Id}", ChatAttachmentResponse.From(attachment));
    }

    /// <summary>Readers of the conversation, asked again on every download; a pending file only to its uploader.</summary>
    internal static async Task<FileStreamHttpResult> Download(Guid id, Viewer viewer, ChatAccess access, EnclaveDb db, IBlobStore blobs,
        HttpResponse response, CancellationToken cancellationToken)
    {
        var attachment = await db.Set<ChatAttachment>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken)
            ?? throw ProblemException.NotFound("attachment");
        await access.OpenAsync(viewer, attachment.ConversationId, cancellationToken, "attachment");
        if (attachment.MessageId is null && attachment.UploaderId != viewer.Id) throw ProblemException.NotFound("attachment");
        var stream = await blobs.OpenAsync(attachment.OrganizationId, attachment.BlobKey, cancellationToken) ?? throw ProblemException.NotFound("attachment");
        response.Headers.ContentDisposition = AttachmentEndpoints.ContentDisposition(attachment.FileName, ContentSniffer.IsInline(attachment.ContentType));
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.CacheControl = "private, no-cache";
        return TypedResults.Stream(stream, attachment.ContentType, lastModified: new DateTimeOffset(attachment.CreatedAt, TimeSpan.Zero),
            entityTag: new EntityTagHeaderValue($"\"{attachment.Id:N}\""), enableRangeProcessing: true);
    }
}
