using Enclave.Server.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Enclave.Server.Accounts;

public sealed record PasswordResetRequest(string? Login);

public sealed record PasswordResetConfirmRequest(string? Token, string? NewPassword);

public static class PasswordResetEndpoints
{
    public static RouteGroupBuilder MapPasswordReset(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/auth/password-reset").WithTags("Authentication");
        group.MapPost("", Request).RequireRateLimiting(RateLimits.PasswordReset);
        group.MapPost("/confirm", Confirm);
        return group;
    }

    /// <summary>Always 202, whether or not the login names an account: the answer must not tell.</summary>
    private static async Task<Accepted> Request(
        PasswordResetRequest request, PasswordResetService resets, PublicUrl publicUrl, HttpContext http, CancellationToken cancellationToken)
    {
        await resets.RequestAsync(request.Login, publicUrl.BaseFor(http.Request), cancellationToken);
        return TypedResults.Accepted((string?)null);
    }

    private static async Task<NoContent> Confirm(PasswordResetConfirmRequest request, PasswordResetService resets, CancellationToken cancellationToken)
    {
        await resets.ConfirmAsync(request.Token, request.NewPassword, cancellationToken);
        return TypedResults.NoContent();
    }
}
