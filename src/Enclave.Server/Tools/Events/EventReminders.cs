using Enclave.Server.Data;
using Enclave.Server.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Tools.Events;

/// <summary>
/// Sends each event's reminder once its time has come. The schedule is the events table itself
/// (<c>ReminderDueAt</c>, <c>ReminderSentAt</c>), so a restart loses nothing; each reminder is
/// claimed with a conditional update, so two nodes never send it twice. An event already started
/// (the server was down past its start) gets no late reminder.
/// </summary>
public sealed class EventReminders(EnclaveDb db, EventService events, Notifier notifier, TimeProvider clock)
{
    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Set<CalendarEvent>().AsNoTracking()
            .Where(e => e.ReminderSentAt == null && e.ReminderDueAt != null && e.ReminderDueAt <= now && e.Status == EventStatus.Scheduled)
            .OrderBy(e => e.ReminderDueAt).Take(200).ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var ev in due)
        {
            var claimed = await db.Set<CalendarEvent>().Where(e => e.Id == ev.Id && e.ReminderSentAt == null && e.ReminderDueAt == ev.ReminderDueAt)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.ReminderSentAt, now), cancellationToken);
            if (claimed == 0 || ev.StartUtc <= now) continue;
            var people = await events.AttendeesToTellAsync(ev, [RsvpStatus.Yes, RsvpStatus.Maybe], cancellationToken);
            // No actor: a reminder comes from the calendar, so the organizer is reminded too.
            await notifier.NotifyAsync(people, NotificationKind.EventReminder, Guid.Empty, ev.OrganizationId, ev.SphereId, null, null, ev.Id, cancellationToken);
            sent++;
        }
        return sent;
    }
}

public sealed class EventRemindersWorker(IServiceScopeFactory scopes, ILogger<EventRemindersWorker> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var sent = await scope.ServiceProvider.GetRequiredService<EventReminders>().RunDueAsync(stoppingToken);
                if (sent > 0) logger.LogInformation("Event reminders: {Sent} sent", sent);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be briefly unavailable; the next tick retries.
                logger.LogWarning(e, "Event reminders run failed");
            }
        }
    }
}
