using Enclave.Server.Accounts;
using Enclave.Server.Audit;
using Enclave.Server.Data;
using Enclave.Server.Organizations;
using Enclave.Server.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Enclave.Server.Privacy.Closing;

public sealed record CloseAccountRequest(string? Password, string? Choice);

public sealed record RestoreAccountRequest(string? Login, string? Password, SessionMode? Mode);

/// <summary>Where a closed account stands: the choice made and the date from which it is purged.</summary>
public sealed record ClosedAccountResponse(DateTime ClosedAt, ClosingChoice Choice, DateTime? PurgeAfter);

/// <summary>
/// Closing an account takes effect at once (sessions and tokens revoked, no more sign-in, gone from
/// member lists, search and mentions); the erasure itself waits for the grace period to end
/// (<see cref="AccountPurge"/>), so a change of mind within it loses nothing.
/// </summary>
public sealed class AccountClosing(EnclaveDb db, AccountService accounts, AuditLog audit, TimeProvider clock, IOptions<ClosingOptions> options)
{
    public static ClosingChoice? ParseChoice(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "deleteeverything" or "delete_everything" or "delete-everything" => ClosingChoice.DeleteEverything,
        "anonymize" => ClosingChoice.Anonymize,
        _ => null,
    };

    public async Task<ClosedAccountResponse> CloseAsync(Guid userId, CloseAccountRequest request, CancellationToken cancellationToken)
    {
        var v = new Validation().Text("password", request.Password, 1, AccountRules.PasswordMaxLength);
        // No default: keeping or deleting one's words is the person's explicit decision.
        var choice = ParseChoice(request.Choice);
        if (string.IsNullOrWhiteSpace(request.Choice)) v.Add("choice", "is required: deleteEverything or anonymize.");
        else if (choice is null) v.Add("choice", "must be deleteEverything or anonymize.");
        v.ThrowIfAny();
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken) ?? throw ProblemException.Unauthorized();
        if (user.ClosedAt is { } closed) return new ClosedAccountResponse(closed, user.ClosingChoice!.Value, user.PurgeAfter);
        if (!accounts.VerifyPassword(user, request.Password!))
            throw new ProblemException(400, "validation_failed", "The current password is incorrect.", new Dictionary<string, string[]> { ["password"] = ["is incorrect."] });
        await RequireNoSoleManagementAsync(userId, cancellationToken);

        // Whole milliseconds: PostgreSQL keeps microseconds, and a second closing answers what was stored.
        var instant = clock.GetUtcNow().UtcDateTime;
        var now = new DateTime(instant.Ticks - instant.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
        var purgeAfter = now.AddDays(options.Value.ClosingGraceDays);
        var closedNow = await db.InTransactionAsync(async () =>
        {
            // The conditional update settles concurrent closings: only one of them closes and audits.
            var claimed = await db.Users.Where(u => u.Id == userId && u.ClosedAt == null).ExecuteUpdateAsync(s => s
                .SetProperty(u => u.ClosedAt, now).SetProperty(u => u.ClosingChoice, choice)
                .SetProperty(u => u.PurgeAfter, purgeAfter), cancellationToken);
            if (claimed == 0) return false;
            await db.Sessions.Where(s => s.UserId == userId).ExecuteDeleteAsync(cancellationToken);
            await db.AccessTokens.Where(t => t.UserId == userId).ExecuteDeleteAsync(cancellationToken);
            await db.PasswordResetTokens.Where(t => t.UserId == userId).ExecuteDeleteAsync(cancellationToken);
            audit.Record(AuditActions.AccountClosed, userId, new AuditTarget(SubjectUserId: userId, Detail: choice.ToString()));
            return true;
        }, cancellationToken);
        if (closedNow) return new ClosedAccountResponse(now, choice!.Value, purgeAfter);
        var current = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.ClosedAt, u.ClosingChoice, u.PurgeAfter }).FirstAsync(cancellationToken);
        return new ClosedAccountResponse(current.ClosedAt!.Value, current.ClosingChoice!.Value, current.PurgeAfter);
    }

    /// <summary>An organization keeps a manager: its only (open) manager hands over before leaving for good.</summary>
    private async Task RequireNoSoleManagementAsync(Guid userId, CancellationToken cancellationToken)
    {
        var alone = await (from m in db.OrganizationMembers
                           join o in db.Organizations on m.OrganizationId equals o.Id
                           where m.UserId == userId && m.Role == OrganizationRole.Manager && !o.IsPersonal &&
                                 !db.OrganizationMembers.Any(x => x.OrganizationId == m.OrganizationId && x.UserId != userId && x.Role == OrganizationRole.Manager &&
                                     db.Users.Any(u => u.Id == x.UserId && u.ClosedAt == null))
                           orderby o.Name
                           select o.Name).ToListAsync(cancellationToken);
        if (alone.Count > 0)
            throw new ProblemException(409, "sole_manager", "You are the only manager of an organization; appoint another manager before closing your account.",
                new Dictionary<string, string[]> { ["organizations"] = alone.ToArray() });
    }

    /// <summary>
    /// Reopens an account within its grace period; the caller has checked the password. The
    /// conditional update settles a race with the purge job, which claims the row the same way.
    /// </summary>
    public async Task RestoreAsync(User user, CancellationToken cancellationToken)
    {
        if (user.ClosedAt is null) return;
        var now = clock.GetUtcNow().UtcDateTime;
        var userId = user.Id;
        var restored = await db.InTransactionAsync(async () =>
        {
            var claimed = await db.Users.Where(u => u.Id == userId && u.ClosedAt != null && u.PurgeAfter != null && u.PurgeAfter > now)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.ClosedAt, (DateTime?)null).SetProperty(u => u.ClosingChoice, (ClosingChoice?)null)
                    .SetProperty(u => u.PurgeAfter, (DateTime?)null), cancellationToken);
            if (claimed > 0) audit.Record(AuditActions.AccountRestored, userId, new AuditTarget(SubjectUserId: userId));
            return claimed > 0;
        }, cancellationToken);
        if (!restored) throw new ProblemException(410, "account_purged", "The grace period of this closed account is over; it can no longer be restored.");
        user.ClosedAt = null;
        user.ClosingChoice = null;
        user.PurgeAfter = null;
    }
}
