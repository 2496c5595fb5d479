using Enclave.Server.Audit;
using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Files;
using Enclave.Server.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using System.Security.Claims;

namespace Enclave.Server.Accounts;

/// <summary>Changing the email (which signs in and receives password resets) also needs <see cref="CurrentPassword"/>.</summary>
public sealed record UpdateMeRequest(string? FirstName, string? LastName, string? Email, string? Bio, string? Status, string? Language, string? CurrentPassword = null);

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

public sealed record SessionInfo(Guid Id, string UserAgent, string Ip, DateTime CreatedAt, DateTime LastSeenAt, bool Current)
{
    /// <summary>The browser and system read from the user agent, e.g. "Firefox on Linux".</summary>
    public string Device => UserAgents.Describe(UserAgent);
}

public static class MeEndpoints
{
    public static RouteGroupBuilder MapMe(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/me").WithTags("My account");
        group.MapGet("/", Get);
        group.MapPatch("/", Update);
        group.MapPut("/password", ChangePassword);
        group.MapPut("/avatar", SetAvatar).WithMetadata(new RequestSizeLimit(AvatarUpload.MaxBytes + 4096));
        group.MapDelete("/avatar", DeleteAvatar);
        group.MapGet("/sessions", Sessions);
        group.MapDelete("/sessions/{id:guid}", CloseSession);
        return group;
    }

    internal static async Task<User> CurrentAsync(Viewer viewer, EnclaveDb db, CancellationToken cancellationToken)
    {
        var userId = viewer.Id;
        return await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken) ?? throw ProblemException.Unauthorized();
    }

    internal static async Task<Ok<MeView>> Get(Viewer viewer, EnclaveDb db, CancellationToken cancellationToken) =>
        TypedResults.Ok(MeView.From(await CurrentAsync(viewer, db, cancellationToken)));

    internal static async Task<Ok<MeView>> Update(UpdateMeRequest request, Viewer viewer, EnclaveDb db, AuditLog audit, AccountService accounts, CancellationToken cancellationToken)
    {
        var v = new Validation().OptionalText("bio", request.Bio, 2000).OptionalText("status", request.Status, 120).Language("language", request.Language);
        if (request.FirstName is not null) v.Text("firstName", request.FirstName, 1, 100);
        if (request.LastName is not null) v.Text("lastName", request.LastName, 1, 100);
        if (request.Email is not null) v.Email("email", request.Email);
        var user = await CurrentAsync(viewer, db, cancellationToken);
        var emailChanges = request.Email is not null && AccountRules.Normalize(request.Email) != user.NormalizedEmail;
        // A stolen session or token must not be enough to take the account over through its email.
        if (emailChanges && string.IsNullOrEmpty(request.CurrentPassword)) v.Add("currentPassword", "is required to change the email.");
        else if (emailChanges && !accounts.VerifyPassword(user, request.CurrentPassword!)) v.Add("currentPassword", "is incorrect.");
        v.ThrowIfAny();
        if (request.Email is not null)
        {
            var normalized = AccountRules.Normalize(request.Email);
            if (normalized != user.NormalizedEmail && await db.Users.AnyAsync(u => u.NormalizedEmail == normalized, cancellationToken))
                throw new ProblemException(409, "email_taken", "An account already uses this email.", new Dictionary<string, string[]> { ["email"] = ["is already used by an account."] });
            user.Email = request.Email.Trim();
            user.NormalizedEmail = normalized;
        }
        if (request.FirstName is not null) user.FirstName = request.FirstName.Trim();
        if (request.LastName is not null) user.LastName = request.LastName.Trim();
        if (request.Bio is not null) user.Bio = request.Bio.Trim();
        if (request.Status is not null) user.Status = request.Status.Trim();
        if (request.Language is not null) user.Language = request.Language;
        // A reset link sent to the previous address stops working with the change of address.
        // Neither address goes into the trail: entries hold ids only.
        if (emailChanges) audit.Record(AuditActions.EmailChanged, user.Id, new AuditTarget(SubjectUserId: user.Id, TargetType: "user", TargetId: user.Id));
        if (emailChanges) await db.InTransactionAsync(() => db.PasswordResetTokens.Where(t => t.UserId == user.Id).ExecuteDeleteAsync(cancellationToken), cancellationToken);
        else await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(MeView.From(user));
    }

    /// <summary>Changing the password closes every other session: whoever knew the old one is signed out.</summary>
    internal static async Task<NoContent> ChangePassword(ChangePasswordRequest request, Viewer viewer, HttpContext http, EnclaveDb db, AuditLog audit, AccountService accounts, CancellationToken cancellationToken)
    {
        var user = await CurrentAsync(viewer, db, cancellationToken);
        new Validation().Text("currentPassword", request.CurrentPassword, 1, AccountRules.PasswordMaxLength)
            .Password("newPassword", request.NewPassword, user.UserName, user.Email).ThrowIfAny();
        await Organizations.PasswordPolicy.EnsureAsync(db, user.Id, "newPassword", request.NewPassword!, cancellationToken);
        if (!accounts.VerifyPassword(user, request.CurrentPassword!))
            throw new ProblemException(400, "validation_failed", "The current password is incorrect.", new Dictionary<string, string[]> { ["currentPassword"] = ["is incorrect."] });
        accounts.SetPassword(user, request.NewPassword!);
        var current = Guid.TryParse(http.User.FindFirstValue(EnclaveClaims.SessionId), out var sid) ? sid : Guid.Empty;
        await db.InTransactionAsync(async () =>
        {
            await db.Sessions.Where(s => s.UserId == user.Id && s.Id != current).ExecuteDeleteAsync(cancellationToken);
            // A reset link asked for earlier must not undo the change.
            await db.PasswordResetTokens.Where(t => t.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
            audit.Record(AuditActions.PasswordChanged, user.Id, new AuditTarget(SubjectUserId: user.Id, TargetType: "user", TargetId: user.Id));
        }, cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<Ok<MeView>> SetAvatar(HttpRequest request, Viewer viewer, EnclaveDb db, IBlobStore blobs, CancellationToken cancellationToken)
    {
        var user = await CurrentAsync(viewer, db, cancellationToken);
        var (bytes, contentType) = await AvatarUpload.ReadAsync(request, cancellationToken);
        var key = await blobs.PutAsync(user.PersonalOrganizationId, new MemoryStream(bytes), cancellationToken);
        var previous = user.AvatarKey;
        user.AvatarKey = key;
        user.AvatarContentType = contentType;
        await db.SaveChangesAsync(cancellationToken);
        if (previous is not null) await blobs.DeleteAsync(user.PersonalOrganizationId, previous, cancellationToken);
        return TypedResults.Ok(MeView.From(user));
    }

    internal static async Task<NoContent> DeleteAvatar(Viewer viewer, EnclaveDb db, IBlobStore blobs, CancellationToken cancellationToken)
    {
        var user = await CurrentAsync(viewer, db, cancellationToken);
        var previous = user.AvatarKey;
        user.AvatarKey = null;
        user.AvatarContentType = null;
        await db.SaveChangesAsync(cancellationToken);
        if (previous is not null) await blobs.DeleteAsync(user.PersonalOrganizationId, previous, cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<Ok<Page<SessionInfo>>> Sessions(string? cursor, int? limit, Viewer viewer, HttpContext http, EnclaveDb db, CancellationToken cancellationToken)
    {
        var userId = viewer.Id;
        var current = Guid.TryParse(http.User.FindFirstValue(EnclaveClaims.SessionId), out var sid) ? sid : Guid.Empty;
        return TypedResults.Ok(await db.Sessions.AsNoTracking().Where(s => s.UserId == userId)
            .ToPageAsync(s => s.Id, cursor, limit, s => new SessionInfo(s.Id, s.UserAgent, s.Ip, s.CreatedAt, s.LastSeenAt, s.Id == current), cancellationToken));
    }

    internal static async Task<NoContent> CloseSession(Guid id, Viewer viewer, EnclaveDb db, AuditLog audit, CancellationToken cancellationToken)
    {
        var userId = viewer.Id;
        await db.InTransactionAsync(async () =>
        {
            if (await db.Sessions.Where(s => s.Id == id && s.UserId == userId).ExecuteDeleteAsync(cancellationToken) == 0)
                throw ProblemException.NotFound("session");
            audit.Record(AuditActions.SessionRevoked, userId, new AuditTarget(SubjectUserId: userId, TargetType: "session", TargetId: id));
        }, cancellationToken);
        return TypedResults.NoContent();
    }
}
