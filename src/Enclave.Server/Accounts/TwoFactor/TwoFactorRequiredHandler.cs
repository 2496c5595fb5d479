using Enclave.Server.Access;
using Enclave.Server.Web;
using Microsoft.AspNetCore.Diagnostics;

namespace Enclave.Server.Accounts.TwoFactor;

/// <summary>
/// Runs before the general problem handler: writes the <c>two_factor_required</c> problem with its
/// challenge, and sends a browser that opens a page of an organization requiring two-factor
/// sign-in to the security settings ("enable two-factor sign-in to continue") instead of a raw problem.
/// </summary>
public sealed class TwoFactorRequiredHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (http.Response.HasStarted) return false;
        if (exception is TwoFactorRequiredException required)
        {
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            var details = ProblemHandling.Create(401, "two_factor_required", "Enter the code from your authenticator app to finish signing in.");
            details.Extensions["challenge"] = required.Challenge;
            details.Extensions["challengeExpiresAt"] = required.ExpiresAt;
            return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = details, Exception = exception });
        }
        if (exception is ProblemException { Code: AccessGate.TwoFactorRequiredCode } && IsPage(http))
        {
            http.Response.Redirect("/settings/security?required=true");
            return true;
        }
        return false;
    }

    private static bool IsPage(HttpContext http) =>
        HttpMethods.IsGet(http.Request.Method) && !http.Request.Path.StartsWithSegments("/api") &&
        http.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
}
