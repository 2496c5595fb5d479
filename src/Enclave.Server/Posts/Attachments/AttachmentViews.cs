namespace Enclave.Server.Posts.Attachments;

/// <summary>An attachment as listed on its post.</summary>
public sealed record AttachmentResponse(Guid Id, string FileName, string ContentType, long Size, string Url)
{
    public static string Link(Guid id) => $"/api/v1/attachments/{id}";
}

/// <summary>A fresh upload: pending until a post created by the uploader lists it in <c>attachmentIds</c>, purged after <see cref="ExpiresAt"/>.</summary>
public sealed record UploadedAttachmentResponse(Guid Id, Guid SphereId, string FileName, string ContentType, long Size, string Url, DateTime ExpiresAt)
{
    public static UploadedAttachmentResponse From(Attachment a) =>
        new(a.Id, a.SphereId, a.FileName, a.ContentType, a.Size, AttachmentResponse.Link(a.Id), a.CreatedAt + AttachmentRules.PendingLifetime);
}
