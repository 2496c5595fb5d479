using Enclave.Server.Audit;
using System.Security.Claims;
using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Accounts;

public sealed record LoginRequest(string? Login, string? Password, SessionMode? Mode);

/// <summary>How the new session is handed over: an HttpOnly cookie (browsers) or a bearer token in the body (programs).</summary>
public enum SessionMode { Cookie, Token }

public sealed record SessionResponse(MeView User, string? Token, string? CsrfToken);

public sealed record CsrfResponse(string Token);

public static class AuthEndpoints
{
    public static RouteGroupBuilder MapAuth(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/auth").WithTags("Authentication");
        group.MapPost("/signup", SignUp).RequireRateLimiting(RateLimits.Signup);
        group.MapPost("/login", Login).RequireRateLimiting(RateLimits.Login);
        group.MapPost("/logout", Logout);
        group.MapPost("/logout-all", LogoutAll);
        group.MapGet("/csrf", Csrf);
        return group;
    }

    internal static async Task<Created<SessionResponse>> SignUp(
        SignupRequest request, AccountService accounts, Sessions sessions, IAntiforgery antiforgery,
        HttpContext http, CancellationToken cancellationToken)
    {
        var user = await accounts.CreateAsync(request, platformAdmin: false, cancellationToken);
        var response = await StartAsync(user, request.Mode ?? SessionMode.Cookie, sessions, antiforgery, http, cancellationToken);
        return TypedResults.Created("/api/v1/me", response);
    }

    internal static async Task<Ok<SessionResponse>> Login(
        LoginRequest request, LoginService login, TwoFactor.TwoFactorChallenges twoFactor, Sessions sessions, IAntiforgery antiforgery, HttpContext http, CancellationToken cancellationToken)
    {
        new Validation().Text("login", request.Login, 1, 254).Text("password", request.Password, 1, AccountRules.PasswordMaxLength).ThrowIfAny();
        var user = await login.VerifyAsync(request.Login!, request.Password!, cancellationToken);
        // With two-factor sign-in on, the password alone opens no session: 401 two_factor_required with a challenge.
        if (await twoFactor.IsRequiredAsync(user, cancellationToken)) throw twoFactor.Issue(user);
        return TypedResults.Ok(await StartAsync(user, request.Mode ?? SessionMode.Cookie, sessions, antiforgery, http, cancellationToken));
    }

    internal static async Task<SessionResponse> StartAsync(User user, SessionMode mode, Sessions sessions, IAntiforgery antiforgery, HttpContext http, CancellationToken cancellationToken)
    {
        var secret = await sessions.StartAsync(user, http, cancellationToken);
        if (mode == SessionMode.Token) return new SessionResponse(MeView.From(user), secret, null);
        Sessions.WriteCookie(http, secret);
        // The antiforgery token is bound to the user, so issue it for the user just signed in.
        http.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user.Id.ToString())], SessionAuthentication.SchemeName));
        var tokens = antiforgery.GetAndStoreTokens(http);
        return new SessionResponse(MeView.From(user), null, tokens.RequestToken);
    }

    internal static async Task<NoContent> Logout(Viewer viewer, HttpContext http, EnclaveDb db, AuditLog audit, CancellationToken cancellationToken)
    {
        _ = viewer.Id;
        await Sessions.EndCurrentAsync(http, db, audit, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>Closes every session of the user (browsers and session tokens); personal access tokens are revoked separately.</summary>
    internal static async Task<NoContent> LogoutAll(Viewer viewer, HttpContext http, EnclaveDb db, AuditLog audit, CancellationToken cancellationToken)
    {
        var userId = viewer.Id;
        await db.InTransactionAsync(async () =>
        {
            var closed = await db.Sessions.Where(s => s.UserId == userId).ExecuteDeleteAsync(cancellationToken);
            audit.Record(AuditActions.SignOutAll, userId, new AuditTarget(SubjectUserId: userId, TargetType: "user", TargetId: userId, Detail: $"sessions:{closed}"));
        }, cancellationToken);
        Sessions.ClearCookie(http);
        return TypedResults.NoContent();
    }

    internal static Ok<CsrfResponse> Csrf(IAntiforgery antiforgery, HttpContext http) =>
        TypedResults.Ok(new CsrfResponse(antiforgery.GetAndStoreTokens(http).RequestToken!));
}
