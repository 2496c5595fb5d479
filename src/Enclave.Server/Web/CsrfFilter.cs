using Enclave.Server.Access;
using Microsoft.AspNetCore.Antiforgery;

namespace Enclave.Server.Web;

/// <summary>
/// A browser's session cookie is sent with cross-site requests too, so cookie-authenticated
/// writes to the API must carry the antiforgery token (header <c>X-CSRF-TOKEN</c>, from
/// <c>GET /api/v1/auth/csrf</c> or the login response). Bearer-token calls are not exposed to CSRF.
/// </summary>
public sealed class CsrfFilter(IAntiforgery antiforgery) : IEndpointFilter
{
    public const string HeaderName = "X-CSRF-TOKEN";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method) &&
            !HttpMethods.IsOptions(http.Request.Method) && http.User.HasClaim(EnclaveClaims.Via, "cookie"))
        {
            try
            {
                await antiforgery.ValidateRequestAsync(http);
            }
            catch (AntiforgeryValidationException)
            {
                throw ProblemException.Forbidden("csrf_token_invalid", $"Send the antiforgery token in the {HeaderName} header.");
            }
        }
        return await next(context);
    }
}
