using System.Reflection;
using System.Security.Claims;
using Enclave.Server.Web;

namespace Enclave.Server.Access;

/// <summary>
/// Who is asking: a signed-in user or an anonymous visitor. Bound as a handler parameter, so
/// every endpoint names its viewer explicitly and passes it to the access gate.
/// </summary>
public sealed record Viewer(Guid? UserId, bool IsPlatformAdmin)
{
    public static readonly Viewer Anonymous = new(null, false);

    public bool IsSignedIn => UserId is not null;

    /// <summary>The signed-in user's id, or 401.</summary>
    public Guid Id => UserId ?? throw ProblemException.Unauthorized();

    public static Viewer From(ClaimsPrincipal principal)
    {
        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        return Guid.TryParse(id, out var userId)
            ? new Viewer(userId, principal.HasClaim(EnclaveClaims.PlatformAdmin, "true"))
            : Anonymous;
    }

    public static ValueTask<Viewer?> BindAsync(HttpContext context, ParameterInfo parameter) =>
        ValueTask.FromResult<Viewer?>(From(context.User));
}

public static class EnclaveClaims
{
    public const string PlatformAdmin = "enclave:admin";
    public const string SessionId = "enclave:session";
    public const string TokenId = "enclave:token";
    /// <summary>"cookie" or "bearer": cookie-authenticated writes must carry an antiforgery token.</summary>
    public const string Via = "enclave:via";
}
