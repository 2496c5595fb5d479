using Enclave.Server.Access;
using Enclave.Server.Accounts;
using Enclave.Server.Data;
using Enclave.Server.Mail;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Notifications.Delivery;

/// <summary>
/// Sends the queued notification emails and the digests that are due. The queue and the digest
/// schedule live in the database, so a restart loses nothing; each email and each digest is
/// claimed with a conditional update, so two nodes never send it twice. What an email says is
/// read through the gate at send time: a post the recipient lost access to is not mailed.
/// </summary>
public sealed class EmailDispatcher(EnclaveDb db, MailContent content, IMailSender mail, MailLinks links, TimeProvider clock, ILogger<EmailDispatcher> logger)
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Keep = TimeSpan.FromDays(30);

    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var sent = 0;
        var due = await db.Set<QueuedEmail>().AsNoTracking().Where(q => q.Status == QueuedEmailStatus.Pending && q.DueAt <= now)
            .OrderBy(q => q.DueAt).Take(200).ToListAsync(cancellationToken);
        foreach (var group in due.GroupBy(q => q.UserId))
            sent += await SendQueuedAsync(group.Key, [.. group], now, cancellationToken);
        var digests = await db.Set<DeliverySettings>().AsNoTracking().Where(s => s.NextDigestAt != null && s.NextDigestAt <= now)
            .OrderBy(s => s.NextDigestAt).Select(s => s.UserId).Take(200).ToListAsync(cancellationToken);
        foreach (var userId in digests)
            sent += await SendDigestAsync(userId, now, cancellationToken);
        // Sent, dropped and digested rows only serve to avoid mailing twice: kept a month, then gone.
        var old = now - Keep;
        await db.Set<QueuedEmail>().Where(q => q.Status != QueuedEmailStatus.Pending && q.Status != QueuedEmailStatus.Deferred && q.CreatedAt < old)
            .ExecuteDeleteAsync(cancellationToken);
        return sent;
    }

    private async Task<int> SendQueuedAsync(Guid userId, List<QueuedEmail> items, DateTime now, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null) return 0;
        var settings = await db.Set<DeliverySettings>().FirstOrDefaultAsync(s => s.UserId == userId, cancellationToken);
        var ids = items.Select(i => i.Id).ToList();
        if (!DeliveryWindow.IsOpen(settings, now))
        {
            // Outside the window: wait for it to open (a window that never opens sends to the digest).
            var opening = DeliveryWindow.NextOpening(settings, now);
            var waiting = db.Set<QueuedEmail>().Where(q => ids.Contains(q.Id) && q.Status == QueuedEmailStatus.Pending);
            if (opening is { } at) await waiting.ExecuteUpdateAsync(s => s.SetProperty(q => q.DueAt, at), cancellationToken);
            else await waiting.ExecuteUpdateAsync(s => s.SetProperty(q => q.Status, QueuedEmailStatus.Deferred), cancellationToken);
            return 0;
        }
        var day = DeliveryWindow.Local(settings, now).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var sent = 0;
        foreach (var item in items)
        {
            if (!await MoveAsync(item.Id, QueuedEmailStatus.Pending, QueuedEmailStatus.Sent, now, cancellationToken)) continue;
            var today = settings?.CountDay == day ? settings.SentToday : 0;
            if (settings?.DailyMax is { } max && today >= max)
            {
                await MoveAsync(item.Id, QueuedEmailStatus.Sent, QueuedEmailStatus.Deferred, null, cancellationToken);
                continue;
            }
            var mailItem = await content.ItemAsync(userId, item, cancellationToken);
            if (mailItem is null)
            {
                await MoveAsync(item.Id, QueuedEmailStatus.Sent, QueuedEmailStatus.Dropped, null, cancellationToken);
                continue;
            }
            var to = await content.AddressForAsync(user, item.OrganizationId, cancellationToken);
            try
            {
                await mail.SendAsync(NotificationMail.Single(to, user.Language, user.FirstName, mailItem, links.For("/settings/notifications")), cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Notification email {Id} failed; retrying later", item.Id);
                await db.Set<QueuedEmail>().Where(q => q.Id == item.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(q => q.Status, QueuedEmailStatus.Pending).SetProperty(q => q.DueAt, now + RetryAfter).SetProperty(q => q.SentAt, (DateTime?)null), cancellationToken);
                break;
            }
            sent++;
            if (settings is null) db.Add(settings = new DeliverySettings { UserId = userId });
            settings.CountDay = day;
            settings.SentToday = today + 1;
            await db.SaveChangesAsync(cancellationToken);
        }
        return sent;
    }

    private async Task<bool> MoveAsync(Guid id, QueuedEmailStatus from, QueuedEmailStatus to, DateTime? sentAt, CancellationToken cancellationToken) =>
        await db.Set<QueuedEmail>().Where(q => q.Id == id && q.Status == from)
            .ExecuteUpdateAsync(s => s.SetProperty(q => q.Status, to).SetProperty(q => q.SentAt, sentAt), cancellationToken) == 1;

    private async Task<int> SendDigestAsync(Guid userId, DateTime now, CancellationToken cancellationToken)
    {
        var settings = await db.Set<DeliverySettings>().AsNoTracking().FirstAsync(s => s.UserId == userId, cancellationToken);
        var open = DeliveryWindow.IsOpen(settings, now);
        var next = open ? DeliveryWindow.NextDigest(settings, now) : DeliveryWindow.NextOpening(settings, now) ?? DeliveryWindow.NextDigest(settings, now);
        var claimed = await db.Set<DeliverySettings>().Where(s => s.UserId == userId && s.NextDigestAt == settings.NextDigestAt)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.NextDigestAt, next), cancellationToken);
        if (claimed == 0 || !open) return 0;
        var user = await db.Users.AsNoTracking().FirstAsync(u => u.Id == userId, cancellationToken);
        var (items, deferred) = await content.DigestAsync(userId, settings.LastDigestAt, cancellationToken);
        if (items.Count > 0)
        {
            var unsubscribe = links.UnsubscribeOneClick(userId);
            var message = NotificationMail.Digest(user.Email, user.Language, user.FirstName, items, links.UnsubscribePage(userId), links.For("/settings/notifications"))
                with { Headers = [new("List-Unsubscribe", $"<{unsubscribe}>"), new("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")] };
            try
            {
                await mail.SendAsync(message, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Digest for {User} failed; retrying later", userId);
                await db.Set<DeliverySettings>().Where(s => s.UserId == userId).ExecuteUpdateAsync(s => s.SetProperty(x => x.NextDigestAt, now + RetryAfter), cancellationToken);
                return 0;
            }
        }
        await db.Set<QueuedEmail>().Where(q => deferred.Contains(q.Id) && q.Status == QueuedEmailStatus.Deferred)
            .ExecuteUpdateAsync(s => s.SetProperty(q => q.Status, QueuedEmailStatus.Digested).SetProperty(q => q.SentAt, now), cancellationToken);
        await db.Set<DeliverySettings>().Where(s => s.UserId == userId).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastDigestAt, now), cancellationToken);
        return items.Count > 0 ? 1 : 0;
    }
}

public sealed class EmailDispatcherWorker(IServiceScopeFactory scopes, Microsoft.Extensions.Options.IOptions<MailOptions> options, ILogger<EmailDispatcherWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.DispatchInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var sent = await scope.ServiceProvider.GetRequiredService<EmailDispatcher>().RunDueAsync(stoppingToken);
                if (sent > 0) logger.LogInformation("Notification emails: {Sent} sent", sent);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database or the mail server may be briefly unavailable; the next tick retries.
                logger.LogWarning(e, "Notification email run failed");
            }
        }
    }
}
