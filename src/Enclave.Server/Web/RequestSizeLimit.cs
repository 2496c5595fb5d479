using Microsoft.AspNetCore.Http.Metadata;

namespace Enclave.Server.Web;

/// <summary>JSON bodies are small; a tight default cap turns an oversize body into a 413 before it is read.</summary>
public sealed class RequestSizeLimit(long maxBytes) : IRequestSizeLimitMetadata
{
    public const long JsonDefault = 256 * 1024;
    public long? MaxRequestBodySize { get; } = maxBytes;
}

public static class RequestSizeLimits
{
    /// <summary>
    /// Refuses a declared Content-Length above the endpoint's limit before anything reads the body.
    /// Kestrel also enforces the limit while reading (routing sets it from the metadata), but not
    /// every server does (the in-memory test server has no body-size feature), so the declared
    /// length is checked here for all of them.
    /// </summary>
    public static IApplicationBuilder UseDeclaredBodySizeLimit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize;
        if (limit is { } max && context.Request.ContentLength > max)
            throw new BadHttpRequestException("The request body is too large.", StatusCodes.Status413PayloadTooLarge);
        await next();
    });
}
