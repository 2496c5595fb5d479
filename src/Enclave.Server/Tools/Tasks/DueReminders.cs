using Enclave.Server.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Tools.Tasks;

/// <summary>
/// Due-soon reminders: a card due within <see cref="TaskRules.DueSoon"/> (24 hours) and not yet
/// reminded tells its assignees once (<see cref="NotificationKind.TaskDueSoon"/>). The schedule is
/// the cards' own <c>DueAt</c> and <c>DueReminderSentAt</c> columns, so a restart loses nothing;
/// each card is claimed with a conditional update, so two nodes never remind twice. A card whose
/// due date already passed when it was given gets no reminder (nothing "soon" to announce).
/// </summary>
public sealed class DueReminders(Data.EnclaveDb db, Notifier notifier, Access.AccessGate gate, TimeProvider clock)
{
    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var horizon = now + TaskRules.DueSoon;
        var due = await db.Set<TaskCard>().AsNoTracking()
            .Where(c => c.DueAt != null && c.DueAt > now && c.DueAt <= horizon && c.DueReminderSentAt == null)
            .OrderBy(c => c.DueAt).Take(200).ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var card in due)
        {
            var claimed = await db.Set<TaskCard>().Where(c => c.Id == card.Id && c.DueReminderSentAt == null && c.DueAt == card.DueAt)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.DueReminderSentAt, now), cancellationToken);
            if (claimed == 0) continue;
            var assignees = await db.Set<TaskAssignee>().AsNoTracking().Where(a => a.CardId == card.Id).Select(a => a.UserId).ToListAsync(cancellationToken);
            // Only people who still read the sphere hear about its tasks.
            var readers = await gate.ReadersAmongAsync(card.SphereId, assignees, cancellationToken);
            if (readers.Count == 0) continue;
            await notifier.NotifyAsync(readers.Keys, NotificationKind.TaskDueSoon, Guid.Empty, card.OrganizationId, card.SphereId, null, null, card.Id, cancellationToken);
            sent++;
        }
        return sent;
    }
}

public sealed class DueRemindersWorker(IServiceScopeFactory scopes, ILogger<DueRemindersWorker> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var sent = await scope.ServiceProvider.GetRequiredService<DueReminders>().RunDueAsync(stoppingToken);
                if (sent > 0) logger.LogInformation("Task reminders: {Sent} cards", sent);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be briefly unavailable; the next tick retries.
                logger.LogWarning(e, "Task reminders run failed");
            }
        }
    }
}
