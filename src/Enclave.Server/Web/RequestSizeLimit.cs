using Microsoft.AspNetCore.Http.Metadata;

namespace Enclave.Server.Web;

/// <summary>JSON bodies are small; a tight default cap turns an oversize body into a 413 before it is read.</summary>
public sealed class RequestSizeLimit(long maxBytes) : IRequestSizeLimitMetadata
{
    public const long JsonDefault = 256 * 1024;
    public long? MaxRequestBodySize { get; } = maxBytes;
}
