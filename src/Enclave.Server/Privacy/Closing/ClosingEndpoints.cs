using Enclave.Server.Access;
using Enclave.Server.Accounts;
using Enclave.Server.Audit;
using Enclave.Server.Data;
using Enclave.Server.Memberships;
using Enclave.Server.Organizations;
using Enclave.Server.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Enclave.Server.Privacy.Closing;

public static class ClosingEndpoints
{
    public static void MapClosingEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/me/close", Close).WithTags("My account");
        api.MapPost("/auth/restore", Restore).WithTags("Authentication").RequireRateLimiting(RateLimits.Login);
        api.MapPost("/organizations/{id:guid}/leave", LeaveOrganization).WithTags("Organization members");
    }

    /// <summary>Closes the signed-in account with one explicit choice; closing again answers the same state.</summary>
    internal static async Task<Ok<ClosedAccountResponse>> Close(CloseAccountRequest request, Viewer viewer, AccountClosing closing, HttpContext http, CancellationToken cancellationToken)
    {
        var response = await closing.CloseAsync(viewer.Id, request, cancellationToken);
        Sessions.ClearCookie(http);
        return TypedResults.Ok(response);
    }

    /// <summary>Reopens a closed account during its grace period and signs in, like a login.</summary>
    internal static async Task<Ok<SessionResponse>> Restore(
        RestoreAccountRequest request, LoginService login, AccountClosing closing, Sessions sessions, IAntiforgery antiforgery, HttpContext http, CancellationToken cancellationToken)
    {
        new Validation().Text("login", request.Login, 1, 254).Text("password", request.Password, 1, AccountRules.PasswordMaxLength).ThrowIfAny();
        var user = await login.VerifyAsync(request.Login!, request.Password!, cancellationToken, allowClosed: true);
        await closing.RestoreAsync(user, cancellationToken);
        return TypedResults.Ok(await AuthEndpoints.StartAsync(user, request.Mode ?? SessionMode.Cookie, sessions, antiforgery, http, cancellationToken));
    }

    /// <summary>The signed-in person leaves an organization (and its daughters and their spheres); its last manager cannot.</summary>
    /// <summary>Leaving is removing oneself (the same rules: the last manager stays; audited as organization.left).</summary>
    internal static Task<NoContent> LeaveOrganization(
        Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, MembershipService memberships, AuditLog audit, CancellationToken cancellationToken) =>
        OrganizationMemberEndpoints.Remove(id, viewer.Id, viewer, gate, db, audit, memberships, cancellationToken);
}
