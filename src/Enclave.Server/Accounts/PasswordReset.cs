using Enclave.Server.Audit;
using Enclave.Server.Data;
using Enclave.Server.Mail;
using Enclave.Server.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Enclave.Server.Accounts;

/// <summary>The <c>Accounts</c> section (lockout has its own, <see cref="LockoutOptions"/>).</summary>
public sealed class AccountOptions
{
    public TimeSpan PasswordResetLifetime { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>
/// The forgotten-password flow, shared by the API and the web pages. Asking for a reset says
/// nothing about whether the account exists; the emailed link carries a single-use secret.
/// </summary>
public sealed class PasswordResetService(
    EnclaveDb db, AccountService accounts, IMailSender mail, IOptions<AccountOptions> options, TimeProvider clock, AuditLog audit, ILogger<PasswordResetService> logger)
{
    public const string TokenPrefix = "epr_";

    /// <summary>
    /// Emails a reset link to the account whose user name or email is <paramref name="login"/>,
    /// replacing any earlier link; does nothing, the same way, when there is no such account.
    /// Throws only for a missing or oversize <paramref name="login"/> (400 <c>validation_failed</c>).
    /// </summary>
    /// <param name="publicBaseUrl">Where Enclave is reached, e.g. <c>https://enclave.example.org</c> (see <see cref="PublicUrl"/>).</param>
    public async Task RequestAsync(string? login, string publicBaseUrl, CancellationToken cancellationToken)
    {
        new Validation().Text("login", login, 1, 254).ThrowIfAny();
        var normalized = AccountRules.Normalize(login!);
        var user = await db.Users.AsNoTracking()
            .FirstOrDefaultAsync(u => u.NormalizedUserName == normalized || u.NormalizedEmail == normalized, cancellationToken);
        if (user is null) return;

        var secret = Secrets.New(TokenPrefix);
        var now = clock.GetUtcNow().UtcDateTime;
        var lifetime = options.Value.PasswordResetLifetime;
        try
        {
            await db.InTransactionAsync(async () =>
            {
                await db.PasswordResetTokens.Where(t => t.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
                db.PasswordResetTokens.Add(new PasswordResetToken
                {
                    Id = Ids.New(), UserId = user.Id, TokenHash = Secrets.Hash(secret), CreatedAt = now, ExpiresAt = now + lifetime,
                });
                // Nobody is signed in: the entry tells the account's owner that someone asked, and from where.
                audit.Record(AuditActions.PasswordResetRequested, null, new AuditTarget(SubjectUserId: user.Id, TargetType: "user", TargetId: user.Id));
            }, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A simultaneous request for the same account won the one-token-per-user index; its link is on its way.
            db.ChangeTracker.Clear();
            return;
        }

        var link = $"{publicBaseUrl.TrimEnd('/')}/reset-password?token={Uri.EscapeDataString(secret)}";
        try
        {
            await mail.SendAsync(PasswordResetMail.Compose(user, link, lifetime), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The caller's answer must not differ from the one for an unknown login.
            logger.LogError(e, "The password reset email for user {UserId} could not be sent", user.Id);
        }
    }

    /// <summary>
    /// Sets a new password with a token from a reset link: the token is consumed, every session of
    /// the account is closed and the lockout counters are reset. Refusals change nothing:
    /// 400 <c>validation_failed</c> (the token stays usable), 400 <c>reset_token_invalid</c>
    /// (unknown or already used), 410 <c>reset_token_expired</c>.
    /// </summary>
    public async Task ConfirmAsync(string? token, string? newPassword, CancellationToken cancellationToken)
    {
        var v = new Validation().Text("token", token, 1, 200);
        if (string.IsNullOrEmpty(newPassword)) v.Add("newPassword", "is required.");
        v.ThrowIfAny();

        var hash = Secrets.Hash(token!.Trim());
        var reset = await db.PasswordResetTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash, cancellationToken) ?? throw Invalid();
        var now = clock.GetUtcNow().UtcDateTime;
        if (reset.ExpiresAt <= now)
            throw new ProblemException(StatusCodes.Status410Gone, "reset_token_expired", "This password reset link has expired. Ask for a new one.");
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == reset.UserId, cancellationToken) ?? throw Invalid();
        new Validation().Password("newPassword", newPassword, user.UserName, user.Email).ThrowIfAny();
        await Organizations.PasswordPolicy.EnsureAsync(db, user.Id, "newPassword", newPassword!, cancellationToken);

        accounts.SetPassword(user, newPassword!);
        user.FailedLogins = 0;
        user.LockedUntil = null;
        try
        {
            await db.InTransactionAsync(async () =>
            {
                // The conditional delete makes the token single-use even when two confirmations race.
                var consumed = await db.PasswordResetTokens.Where(t => t.Id == reset.Id && t.ExpiresAt > now).ExecuteDeleteAsync(cancellationToken);
                if (consumed == 0) throw Invalid();
                await db.Sessions.Where(s => s.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
                audit.Record(AuditActions.PasswordReset, user.Id, new AuditTarget(SubjectUserId: user.Id, TargetType: "user", TargetId: user.Id));
            }, cancellationToken);
        }
        catch (ProblemException)
        {
            db.ChangeTracker.Clear();
            throw;
        }
    }

    private static ProblemException Invalid() =>
        new(StatusCodes.Status400BadRequest, "reset_token_invalid", "This password reset link is not valid, or has already been used.");
}
