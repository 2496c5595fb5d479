using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Files;
using Enclave.Server.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Enclave.Server.Posts.Attachments;

public static class AttachmentEndpoints
{
    public static RouteGroupBuilder MapAttachments(this RouteGroupBuilder api)
    {
        var maxBytes = ((IEndpointRouteBuilder)api).ServiceProvider.GetRequiredService<IOptions<AttachmentOptions>>().Value.MaxBytes;
        api.MapPost("/spheres/{id:guid}/attachments", Upload).WithTags("Attachments")
            // Lifts the API's small JSON cap for this route only; the exact limit is enforced while streaming.
            .WithMetadata(new RequestSizeLimit(maxBytes + AttachmentUpload.MultipartOverhead))
            // For the OpenAPI document; "*/*" keeps raw bodies of any declared type (it is ignored anyway) routable.
            .Accepts<IFormFile>("multipart/form-data", "application/octet-stream", "*/*")
            .WithSummary("Upload one file (multipart/form-data field `file`, or the raw body with `?filename=`); it stays pending until a post lists it in `attachmentIds`.");
        var group = api.MapGroup("/attachments").WithTags("Attachments");
        group.MapGet("/{id:guid}", Download).WithSummary("Download an attachment (range requests supported).");
        return group;
    }

    /// <summary>Whoever may write in the sphere (publish or comment) may upload to it; others get 404 like any unseen sphere.</summary>
    internal static async Task<Created<UploadedAttachmentResponse>> Upload(Guid id, string? filename, HttpRequest request, Viewer viewer, AccessGate gate,
        AttachmentUpload uploads, CancellationToken cancellationToken)
    {
        var uploaderId = viewer.Id;
        var access = await WritableSphereAsync(id, viewer, gate, cancellationToken);
        var attachment = await uploads.ReceiveAsync(access, uploaderId, request, filename, cancellationToken);
        return TypedResults.Created(AttachmentResponse.Link(attachment.Id), UploadedAttachmentResponse.From(attachment));
    }

    /// <summary>The same upload for a file the web page's form carried (composer without JavaScript); same gate, same limits.</summary>
    internal static async Task<UploadedAttachmentResponse> UploadFile(Guid id, Stream content, string? fileName, Viewer viewer, AccessGate gate,
        AttachmentUpload uploads, CancellationToken cancellationToken)
    {
        var uploaderId = viewer.Id;
        var access = await WritableSphereAsync(id, viewer, gate, cancellationToken);
        return UploadedAttachmentResponse.From(await uploads.ReceiveFileAsync(access, uploaderId, content, fileName, cancellationToken));
    }

    private static async Task<SphereAccess> WritableSphereAsync(Guid id, Viewer viewer, AccessGate gate, CancellationToken cancellationToken)
    {
        var access = await gate.SphereAsync(viewer, id, cancellationToken);
        if (!access.CanPost && !access.CanComment) throw ProblemException.NotFound("sphere");
        return access;
    }

    /// <summary>
    /// Served with the sniffed type, never sniffed again by the browser, and as a download except
    /// for raster images. Revalidated on every use (<c>no-cache</c> with an ETag), so access
    /// withdrawn is access withdrawn.
    /// </summary>
    internal static async Task<FileStreamHttpResult> Download(Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, IBlobStore blobs, TimeProvider clock,
        HttpResponse response, CancellationToken cancellationToken)
    {
        var attachment = await db.Attachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken) ?? throw ProblemException.NotFound("attachment");
        await RequireVisibleAsync(attachment, viewer, gate, clock, cancellationToken);
        var stream = await blobs.OpenAsync(attachment.OrganizationId, attachment.BlobKey, cancellationToken) ?? throw ProblemException.NotFound("attachment");
        response.Headers.ContentDisposition = ContentDisposition(attachment.FileName, ContentSniffer.IsInline(attachment.ContentType));
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.CacheControl = "private, no-cache";
        return TypedResults.Stream(stream, attachment.ContentType, lastModified: new DateTimeOffset(attachment.CreatedAt, TimeSpan.Zero),
            entityTag: new EntityTagHeaderValue($"\"{attachment.Id:N}\""), enableRangeProcessing: true);
    }

    /// <summary>Through the gate: readers of the post it belongs to, or the uploader of a pending upload who may still write in its sphere.</summary>
    private static async Task RequireVisibleAsync(Attachment attachment, Viewer viewer, AccessGate gate, TimeProvider clock, CancellationToken cancellationToken)
    {
        try
        {
            if (attachment.PostId is { } postId)
            {
                await gate.PostAsync(viewer, postId, cancellationToken);
                return;
            }
            var pending = attachment.AttachedAt is null && attachment.CreatedAt > clock.GetUtcNow().UtcDateTime - AttachmentRules.PendingLifetime;
            if (pending && viewer.UserId == attachment.UploaderId && (await gate.SphereAsync(viewer, attachment.SphereId, cancellationToken)).CanComment)
                return;
        }
        catch (ProblemException e) when (e.Status == StatusCodes.Status404NotFound)
        {
            // Fall through: the answer names the attachment, not the post or sphere behind it.
        }
        throw ProblemException.NotFound("attachment");
    }

    /// <summary>RFC 6266: a quoted ASCII fallback for old clients, and the exact name as RFC 8187 UTF-8.</summary>
    public static string ContentDisposition(string fileName, bool inline)
    {
        var fallback = string.Concat(fileName.Select(c => c is >= ' ' and < (char)127 and not '"' and not '\\' and not '%' ? c : '_'));
        return $"{(inline ? "inline" : "attachment")}; filename=\"{fallback}\"; filename*=UTF-8''{Uri.EscapeDataString(fileName)}";
    }
}
