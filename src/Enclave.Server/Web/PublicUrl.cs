using Microsoft.Extensions.Options;

namespace Enclave.Server.Web;

/// <summary>The <c>Enclave</c> section.</summary>
public sealed class EnclaveOptions
{
    /// <summary>The address people reach Enclave at (e.g. <c>https://enclave.example.org</c>), used in links sent by email.</summary>
    public string? PublicUrl { get; set; }

    internal static bool IsValidPublicUrl(string? value) =>
        string.IsNullOrEmpty(value) ||
        (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Query.Length == 0 && uri.Fragment.Length == 0);
}

/// <summary>
/// The base address for links that leave the request (emails): <c>Enclave:PublicUrl</c> when
/// set, otherwise the scheme and host of the request. The request's <c>Host</c> header is chosen
/// by the client, so production deployments set <c>Enclave:PublicUrl</c>.
/// </summary>
public sealed class PublicUrl(IOptions<EnclaveOptions> options, ILogger<PublicUrl> logger)
{
    private int _warned;

    /// <summary>The base address without a trailing slash, e.g. <c>https://enclave.example.org</c>.</summary>
    public string BaseFor(HttpRequest request)
    {
        if (!string.IsNullOrEmpty(options.Value.PublicUrl)) return options.Value.PublicUrl.TrimEnd('/');
        if (Interlocked.Exchange(ref _warned, 1) == 0)
            logger.LogWarning("Enclave:PublicUrl is not set: links in emails use the host the request named. Set it in production.");
        return $"{request.Scheme}://{request.Host}{request.PathBase}".TrimEnd('/');
    }
}
