using Enclave.Server.Audit;
using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Accounts;

public sealed record CreateTokenRequest(string? Name, int? ExpiresInDays);

public sealed record TokenResponse(Guid Id, string Name, string Prefix, DateTime CreatedAt, DateTime? ExpiresAt, DateTime? LastUsedAt);

/// <summary>The secret appears in this response only; afterwards only its prefix is shown.</summary>
public sealed record TokenCreated(TokenResponse Token, string Secret);

public static class TokenEndpoints
{
    public const int MaxTokensPerUser = 50;

    public static RouteGroupBuilder MapTokens(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/me/tokens").WithTags("Personal access tokens");
        group.MapPost("/", Create).RequireRateLimiting(RateLimits.Tokens);
        group.MapGet("/", List);
        group.MapDelete("/{id:guid}", Revoke);
        return group;
    }

    internal static async Task<Created<TokenCreated>> Create(CreateTokenRequest request, Viewer viewer, EnclaveDb db, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var userId = viewer.Id;
        var v = new Validation().Text("name", request.Name, 1, 100);
        if (request.ExpiresInDays is < 1 or > 3650) v.Add("expiresInDays", "must be between 1 and 3650.");
        v.ThrowIfAny();
        if (await db.AccessTokens.CountAsync(t => t.UserId == userId, cancellationToken) >= MaxTokensPerUser)
            throw ProblemException.Conflict("too_many_tokens", $"You can hold at most {MaxTokensPerUser} tokens; revoke one first.");
        var now = clock.GetUtcNow().UtcDateTime;
        var secret = Secrets.New(SessionAuthentication.TokenPrefix);
        var token = new AccessToken
        {
            Id = Ids.New(), UserId = userId, Name = request.Name!.Trim(), TokenHash = Secrets.Hash(secret), Prefix = secret[..10],
            CreatedAt = now, ExpiresAt = request.ExpiresInDays is { } days ? now.AddDays(days) : null,
        };
        db.AccessTokens.Add(token);
        audit.Record(AuditActions.TokenCreated, userId, new AuditTarget(SubjectUserId: userId, TargetType: "token", TargetId: token.Id));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/me/tokens/{token.Id}", new TokenCreated(ToResponse(token), secret));
    }

    internal static async Task<Ok<Page<TokenResponse>>> List(string? cursor, int? limit, Viewer viewer, EnclaveDb db, CancellationToken cancellationToken)
    {
        var userId = viewer.Id;
        return TypedResults.Ok(await db.AccessTokens.AsNoTracking().Where(t => t.UserId == userId).ToPageAsync(t => t.Id, cursor, limit, ToResponse, cancellationToken));
    }

    internal static async Task<NoContent> Revoke(Guid id, Viewer viewer, EnclaveDb db, AuditLog audit, CancellationToken cancellationToken)
    {
        var userId = viewer.Id;
        await db.InTransactionAsync(async () =>
        {
            if (await db.AccessTokens.Where(t => t.Id == id && t.UserId == userId).ExecuteDeleteAsync(cancellationToken) == 0)
                throw ProblemException.NotFound("token");
            audit.Record(AuditActions.TokenRevoked, userId, new AuditTarget(SubjectUserId: userId, TargetType: "token", TargetId: id));
        }, cancellationToken);
        return TypedResults.NoContent();
    }

    private static TokenResponse ToResponse(AccessToken t) => new(t.Id, t.Name, t.Prefix, t.CreatedAt, t.ExpiresAt, t.LastUsedAt);
}
