namespace Enclave.Server.Web;

/// <summary>
/// A client-facing failure with a stable machine-readable <see cref="Code"/>. Application code
/// throws it before writing anything; <see cref="ProblemHandling"/> turns it into RFC 9457
/// problem details. Throwing keeps handlers short; the possible statuses are declared on each
/// route group so the OpenAPI document still lists them.
/// </summary>
public sealed class ProblemException(int status, string code, string title, IReadOnlyDictionary<string, string[]>? errors = null)
    : Exception(title)
{
    public int Status { get; } = status;
    public string Code { get; } = code;
    public string Title { get; } = title;
    public IReadOnlyDictionary<string, string[]>? Errors { get; } = errors;

    /// <summary>404 for anything missing or not visible: existence must not leak.</summary>
    public static ProblemException NotFound(string what = "resource") =>
        new(StatusCodes.Status404NotFound, "not_found", $"The {what} does not exist or is not visible to you.");

    public static ProblemException Forbidden(string code, string title) => new(StatusCodes.Status403Forbidden, code, title);
    public static ProblemException Conflict(string code, string title) => new(StatusCodes.Status409Conflict, code, title);
    public static ProblemException Unprocessable(string code, string title, IReadOnlyDictionary<string, string[]>? errors = null) =>
        new(StatusCodes.Status422UnprocessableEntity, code, title, errors);
    public static ProblemException Unauthorized() =>
        new(StatusCodes.Status401Unauthorized, "unauthenticated", "Sign in or send a valid bearer token.");
}
