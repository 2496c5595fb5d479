using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Enclave.Server.Web;

/// <summary>
/// Turns every failure into RFC 9457 problem details with a stable <c>code</c>: our own
/// <see cref="ProblemException"/>, the framework's bad-request errors (malformed JSON, wrong
/// content type, oversize body) and, as a last resort, a 500 that reveals nothing.
/// </summary>
public sealed class ProblemHandling(IProblemDetailsService problems, ILogger<ProblemHandling> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var details = exception switch
        {
            ProblemException p => FromProblem(p),
            BadHttpRequestException bad => FromBadRequest(bad),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => null,
            _ => null,
        };
        if (details is null)
        {
            if (httpContext.RequestAborted.IsCancellationRequested) return true;
            logger.LogError(exception, "Unhandled error on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
            details = Create(500, "internal_error", "Something went wrong on our side. The request was not applied.");
        }
        if (httpContext.Response.HasStarted) return true;
        httpContext.Response.StatusCode = details.Status ?? 500;
        if (details.Status == StatusCodes.Status429TooManyRequests && exception is ProblemException { Errors: { } e } && e.TryGetValue("retryAfter", out var retry))
            httpContext.Response.Headers.RetryAfter = retry[0];
        if (await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = details, Exception = exception })) return true;
        // A client that accepts no JSON (a browser asking for an HTML fragment) still gets the status and the problem.
        await httpContext.Response.WriteAsJsonAsync(details, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json", cancellationToken);
        return true;
    }

    private static ProblemDetails FromProblem(ProblemException p)
    {
        var details = Create(p.Status, p.Code, p.Title);
        if (p.Errors is { Count: > 0 }) details.Extensions["errors"] = p.Errors;
        return details;
    }

    private static ProblemDetails FromBadRequest(BadHttpRequestException bad)
    {
        switch (bad.StatusCode)
        {
            case StatusCodes.Status413PayloadTooLarge:
                return Create(413, "payload_too_large", "The request body is too large.");
            case StatusCodes.Status415UnsupportedMediaType:
                return Create(415, "unsupported_media_type", "Send the body as application/json.");
        }
        if (bad.InnerException is JsonException json)
        {
            var details = Create(400, "malformed_json", "The request body is not valid JSON for this endpoint.");
            var field = string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "body" : json.Path.TrimStart('$', '.');
            details.Extensions["errors"] = new Dictionary<string, string[]> { [field] = ["has an invalid value or type."] };
            return details;
        }
        if (bad.InnerException is BadHttpRequestException { StatusCode: 413 })
            return Create(413, "payload_too_large", "The request body is too large.");
        // Route and query binding failures ("Failed to bind parameter ...").
        return Create(bad.StatusCode, bad.StatusCode == 400 ? "bad_request" : "request_rejected", bad.Message);
    }

    public static string CodeFor(int status) => status switch
    {
        400 => "bad_request",
        401 => "unauthenticated",
        403 => "forbidden",
        404 => "not_found",
        405 => "method_not_allowed",
        413 => "payload_too_large",
        415 => "unsupported_media_type",
        429 => "rate_limited",
        >= 500 => "internal_error",
        _ => $"http_{status}",
    };

    public static ProblemDetails Create(int status, string code, string title) => new()
    {
        Status = status,
        Title = title,
        Type = $"urn:enclave:problem:{code}",
        Extensions = { ["code"] = code },
    };
}
