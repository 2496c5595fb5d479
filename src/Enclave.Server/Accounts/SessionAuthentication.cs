using System.Security.Claims;
using System.Text.Encodings.Web;
using Enclave.Server.Access;
using Enclave.Server.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Enclave.Server.Accounts;

/// <summary>
/// One authentication scheme for browsers and programs. A browser presents the session secret
/// in an HttpOnly cookie; a program presents a session secret (<c>es_</c>) or a personal access
/// token (<c>ept_</c>) as <c>Authorization: Bearer</c>. Secrets are looked up by hash, so closing
/// a session or revoking a token takes effect on the next request.
/// </summary>
public sealed class SessionAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    EnclaveDb db, TimeProvider clock) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Enclave";
    public const string CookieName = "enclave_session";
    public const string SessionPrefix = "es_";
    public const string TokenPrefix = "ept_";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var (secret, via) = ReadSecret();
        if (secret is null) return AuthenticateResult.NoResult();
        var now = clock.GetUtcNow().UtcDateTime;
        var hash = Secrets.Hash(secret);
        Claim idClaim;
        Guid userId;
        bool isAdmin;
        if (secret.StartsWith(TokenPrefix, StringComparison.Ordinal))
        {
            // One query per request: the token and its owner's platform role together.
            var token = await db.AccessTokens.AsNoTracking().Where(t => t.TokenHash == hash)
                .Select(t => new { t.Id, t.UserId, t.ExpiresAt, t.LastUsedAt, IsAdmin = db.Users.Where(u => u.Id == t.UserId).Select(u => u.IsPlatformAdmin).FirstOrDefault() })
                .FirstOrDefaultAsync();
            if (token is null || token.ExpiresAt <= now) return AuthenticateResult.Fail("Unknown or expired token.");
            if (token.LastUsedAt is null || now - token.LastUsedAt > TimeSpan.FromMinutes(5))
                await db.AccessTokens.Where(t => t.Id == token.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now));
            userId = token.UserId;
            isAdmin = token.IsAdmin;
            idClaim = new Claim(EnclaveClaims.TokenId, token.Id.ToString());
        }
        else
        {
            var session = await db.Sessions.AsNoTracking().Where(s => s.TokenHash == hash)
                .Select(s => new { s.Id, s.UserId, s.ExpiresAt, s.LastSeenAt, IsAdmin = db.Users.Where(u => u.Id == s.UserId).Select(u => u.IsPlatformAdmin).FirstOrDefault() })
                .FirstOrDefaultAsync();
            if (session is null || session.ExpiresAt <= now) return AuthenticateResult.Fail("Unknown or expired session.");
            // Sliding expiry, written at most once a minute to keep reads cheap.
            if (now - session.LastSeenAt > TimeSpan.FromMinutes(1))
            {
                var expires = now + Sessions.Lifetime;
                await db.Sessions.Where(s => s.Id == session.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now).SetProperty(x => x.ExpiresAt, expires));
            }
            userId = session.UserId;
            isAdmin = session.IsAdmin;
            idClaim = new Claim(EnclaveClaims.SessionId, session.Id.ToString());
        }
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, userId.ToString()),
            new Claim(EnclaveClaims.PlatformAdmin, isAdmin ? "true" : "false"),
            new Claim(EnclaveClaims.Via, via),
            idClaim,
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    private (string? Secret, string Via) ReadSecret()
    {
        string? header = Request.Headers.Authorization;
        if (header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return (header["Bearer ".Length..].Trim(), "bearer");
        return Request.Cookies.TryGetValue(CookieName, out var cookie) ? (cookie, "cookie") : (null, "");
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        var problems = Context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = Web.ProblemHandling.Create(401, "unauthenticated", "Sign in or send a valid bearer token."),
        });
    }
}
