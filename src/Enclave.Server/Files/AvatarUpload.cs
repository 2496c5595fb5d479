using Enclave.Server.Web;

namespace Enclave.Server.Files;

/// <summary>Reads an avatar sent as the raw request body (an image, at most <see cref="MaxBytes"/>), checking its real type.</summary>
public static class AvatarUpload
{
    public const int MaxBytes = 1024 * 1024;

    public static Task<(byte[] Bytes, string ContentType)> ReadAsync(HttpRequest request, CancellationToken cancellationToken) =>
        ReadAsync(request.Body, request.ContentType, request.ContentLength, cancellationToken);

    /// <summary>The same checks for an image from another source (a file field of a web form).</summary>
    public static async Task<(byte[] Bytes, string ContentType)> ReadAsync(Stream body, string? contentType, long? length, CancellationToken cancellationToken)
    {
        if (contentType is null || !contentType.StartsWith("image/", StringComparison.OrdinalIgnoreCase))
            throw new ProblemException(415, "unsupported_media_type", "Send the avatar as the request body with an image content type (PNG, JPEG, GIF or WebP).");
        if (length > MaxBytes) throw TooLarge();
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes) throw TooLarge();
            buffer.Write(chunk, 0, read);
        }
        var bytes = buffer.ToArray();
        if (bytes.Length == 0) Validation.Field("body", "is empty.");
        var type = ImageSniffer.Detect(bytes.AsSpan(0, Math.Min(bytes.Length, 16)))
            ?? throw new ProblemException(415, "unsupported_image_type", "The file is not a PNG, JPEG, GIF or WebP image.");
        return (bytes, type);
    }

    private static ProblemException TooLarge() =>
        new(413, "payload_too_large", $"An avatar is at most {MaxBytes / 1024} KiB.");

    public static async Task<IResult> ServeAsync(IBlobStore blobs, Guid organizationId, string? key, string? contentType, HttpResponse response, CancellationToken cancellationToken)
    {
        if (key is null || contentType is null) throw ProblemException.NotFound("avatar");
        var stream = await blobs.OpenAsync(organizationId, key, cancellationToken) ?? throw ProblemException.NotFound("avatar");
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.CacheControl = "private, max-age=86400";
        return TypedResults.Stream(stream, contentType);
    }
}
