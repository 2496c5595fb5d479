using Enclave.Server.Audit;
using System.Security.Claims;
using Enclave.Server.Access;
using Enclave.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Accounts;

/// <summary>Starts sessions and writes or clears the browser cookie.</summary>
public sealed class Sessions(EnclaveDb db, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    /// <summary>Creates a session and returns its secret (shown to the client once).</summary>
    public async Task<string> StartAsync(User user, HttpContext http, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var secret = Secrets.New(SessionAuthentication.SessionPrefix);
        db.Sessions.Add(new Session
        {
            Id = Ids.New(),
            UserId = user.Id,
            TokenHash = Secrets.Hash(secret),
            UserAgent = Truncate(http.Request.Headers.UserAgent.ToString(), 300),
            Ip = http.Connection.RemoteIpAddress?.ToString() ?? "",
            CreatedAt = now,
            LastSeenAt = now,
            ExpiresAt = now + Lifetime,
        });
        await db.SaveChangesAsync(cancellationToken);
        return secret;
    }

    /// <summary>Closes the session the request was made with (cookie or bearer) and clears the cookie.</summary>
    public static async Task EndCurrentAsync(HttpContext http, EnclaveDb db, AuditLog audit, CancellationToken cancellationToken)
    {
        if (Guid.TryParse(http.User.FindFirstValue(EnclaveClaims.SessionId), out var sessionId))
            await db.InTransactionAsync(async () =>
            {
                if (await db.Sessions.Where(s => s.Id == sessionId).ExecuteDeleteAsync(cancellationToken) == 0) return;
                var userId = Viewer.From(http.User).UserId;
                audit.Record(AuditActions.SignOut, userId, new AuditTarget(SubjectUserId: userId, TargetType: "session", TargetId: sessionId));
            }, cancellationToken);
        ClearCookie(http);
    }

    public static void WriteCookie(HttpContext http, string secret) =>
        http.Response.Cookies.Append(SessionAuthentication.CookieName, secret, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = http.Request.IsHttps,
            Path = "/",
            MaxAge = Lifetime,
            IsEssential = true,
        });

    public static void ClearCookie(HttpContext http) =>
        http.Response.Cookies.Delete(SessionAuthentication.CookieName, new CookieOptions { Path = "/", Secure = http.Request.IsHttps, HttpOnly = true, SameSite = SameSiteMode.Lax });

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
