using Enclave.Server.Data;
using Enclave.Server.Files;
using Enclave.Server.Web;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Posts.Attachments;

/// <summary>What the post code needs from attachments: link uploads to a new post, list them, remove them with the post.</summary>
public sealed class PostAttachments(EnclaveDb db, IBlobStore blobs, TimeProvider clock, ILogger<PostAttachments> logger)
{
    /// <summary>
    /// Checks, before anything is written, that every id is one of the author's own pending,
    /// unexpired uploads to this sphere; 422 naming the others.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> RequireAttachableAsync(Guid sphereId, Guid authorId, IReadOnlyList<Guid>? attachmentIds, CancellationToken cancellationToken)
    {
        if (attachmentIds is not { Count: > 0 }) return [];
        if (attachmentIds.Count > AttachmentRules.MaxPerPost) Validation.Field("attachmentIds", $"at most {AttachmentRules.MaxPerPost} attachments per post.");
        var ids = attachmentIds.Distinct().ToList();
        var cutoff = clock.GetUtcNow().UtcDateTime - AttachmentRules.PendingLifetime;
        var usable = await Attachable(sphereId, authorId, cutoff).Where(a => ids.Contains(a.Id)).Select(a => a.Id).ToListAsync(cancellationToken);
        var refused = ids.Except(usable).ToList();
        if (refused.Count > 0) throw Unavailable(refused);
        return ids;
    }

    /// <summary>
    /// Saves the post, then claims the uploads with one conditional update. Call inside a
    /// transaction: if another post claimed one of them meanwhile, the count falls short and the
    /// whole creation is rolled back.
    /// </summary>
    public async Task SaveWithAsync(Post post, IReadOnlyList<Guid> attachmentIds, CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        if (attachmentIds.Count == 0) return;
        var now = clock.GetUtcNow().UtcDateTime;
        var cutoff = now - AttachmentRules.PendingLifetime;
        var postId = post.Id;
        var claimed = await Attachable(post.SphereId, post.AuthorId, cutoff).Where(a => attachmentIds.Contains(a.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.PostId, postId).SetProperty(a => a.AttachedAt, now), cancellationToken);
        if (claimed != attachmentIds.Count) throw Unavailable(attachmentIds);
    }

    private IQueryable<Attachment> Attachable(Guid sphereId, Guid uploaderId, DateTime cutoff) =>
        db.Attachments.Where(a => a.SphereId == sphereId && a.UploaderId == uploaderId && a.PostId == null && a.AttachedAt == null && a.CreatedAt > cutoff);

    private static ProblemException Unavailable(IEnumerable<Guid> ids) =>
        ProblemException.Unprocessable("attachment_unavailable", "Only your own recent uploads to this sphere, not yet attached, can be attached to a post.",
            new Dictionary<string, string[]> { ["attachmentIds"] = ids.Select(id => $"{id} cannot be attached.").ToArray() });

    /// <summary>Deletes the post's attachment rows (call in the transaction that deletes the post) and returns their blobs for <see cref="DeleteBlobsAsync"/>.</summary>
    public async Task<IReadOnlyList<StoredBlob>> RemoveForPostAsync(Guid postId, CancellationToken cancellationToken)
    {
        var stored = await db.Attachments.Where(a => a.PostId == postId).Select(a => new StoredBlob(a.OrganizationId, a.BlobKey)).ToListAsync(cancellationToken);
        if (stored.Count > 0) await db.Attachments.Where(a => a.PostId == postId).ExecuteDeleteAsync(cancellationToken);
        return stored;
    }

    /// <summary>After the rows are gone for good: a blob that fails to delete is only wasted space, never a dangling row.</summary>
    public async Task DeleteBlobsAsync(IReadOnlyList<StoredBlob> stored, CancellationToken cancellationToken)
    {
        foreach (var blob in stored)
        {
            try
            {
                await blobs.DeleteAsync(blob.OrganizationId, blob.Key, cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                logger.LogWarning(e, "Could not delete blob {Key} of organization {OrganizationId}", blob.Key, blob.OrganizationId);
            }
        }
    }

    /// <summary>The attachments of a page of posts, in upload order, with one query.</summary>
    public static async Task<ILookup<Guid, AttachmentResponse>> ForPostsAsync(EnclaveDb db, IReadOnlyList<Guid> postIds, CancellationToken cancellationToken)
    {
        var rows = await db.Attachments.AsNoTracking().Where(a => a.PostId != null && postIds.Contains(a.PostId.Value)).OrderBy(a => a.Id)
            .Select(a => new { PostId = a.PostId!.Value, a.Id, a.FileName, a.ContentType, a.Size }).ToListAsync(cancellationToken);
        return rows.ToLookup(r => r.PostId, r => new AttachmentResponse(r.Id, r.FileName, r.ContentType, r.Size, AttachmentResponse.Link(r.Id)));
    }
}

public sealed record StoredBlob(Guid OrganizationId, string Key);
