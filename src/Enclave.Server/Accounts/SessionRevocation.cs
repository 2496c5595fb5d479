using System.Security.Claims;
using Enclave.Server.Access;
using Enclave.Server.Audit;
using Enclave.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Accounts;

public sealed record ClosedSessions(int Closed);

/// <summary>"Sign out everywhere else": closes every session of the person but the one making the request.</summary>
public static class SessionRevocation
{
    public static RouteGroupBuilder MapSessionRevocation(this RouteGroupBuilder api)
    {
        api.MapPost("/me/sessions/close-others", CloseOthers).WithTags("My account");
        return api;
    }

    internal static async Task<Ok<ClosedSessions>> CloseOthers(Viewer viewer, HttpContext http, EnclaveDb db, AuditLog audit, CancellationToken cancellationToken)
    {
        var userId = viewer.Id;
        var current = Guid.TryParse(http.User.FindFirstValue(EnclaveClaims.SessionId), out var sid) ? sid : Guid.Empty;
        var closed = await db.InTransactionAsync(async () =>
        {
            var count = await db.Sessions.Where(s => s.UserId == userId && s.Id != current).ExecuteDeleteAsync(cancellationToken);
            audit.Record(AuditActions.SessionRevoked, userId, new AuditTarget(SubjectUserId: userId, TargetType: "session",
                Detail: $"all_others:{count.ToString(System.Globalization.CultureInfo.InvariantCulture)}"));
            return count;
        }, cancellationToken);
        return TypedResults.Ok(new ClosedSessions(closed));
    }
}
