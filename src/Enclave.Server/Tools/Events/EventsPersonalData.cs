using Enclave.Server.Privacy;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Tools.Events;

/// <summary>
/// Events' part in closing an account and in a data export. Closing deletes the person's answers
/// (a freed spot goes to the first person waiting) and their calendar feed; the events they
/// organized are deleted ("delete everything") or stay without an organizer ("anonymize").
/// </summary>
public sealed class EventsPersonalData : IPersonalDataEraser, IPersonalDataExporter
{
    public async Task EraseAsync(PersonalDataErasure erasure, CancellationToken cancellationToken)
    {
        var db = erasure.Db;
        var id = erasure.UserId;
        var freed = await db.Set<EventRsvp>().Where(r => r.UserId == id && r.Status == RsvpStatus.Yes).Select(r => r.EventId).ToListAsync(cancellationToken);
        await db.Set<EventRsvp>().Where(r => r.UserId == id).ExecuteDeleteAsync(cancellationToken);
        foreach (var eventId in freed)
        {
            var capacity = await db.Set<CalendarEvent>().Where(e => e.Id == eventId).Select(e => e.Capacity).FirstOrDefaultAsync(cancellationToken);
            if (capacity is null) continue;
            var next = await db.Set<EventRsvp>().Where(r => r.EventId == eventId && r.Status == RsvpStatus.Waiting)
                .OrderBy(r => r.WaitPosition).Select(r => r.Id).FirstOrDefaultAsync(cancellationToken);
            if (next != Guid.Empty && await db.Set<EventRsvp>().CountAsync(r => r.EventId == eventId && r.Status == RsvpStatus.Yes, cancellationToken) < capacity)
                await db.Set<EventRsvp>().Where(r => r.Id == next)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RsvpStatus.Yes).SetProperty(r => r.WaitPosition, (long?)null), cancellationToken);
        }
        await db.Set<CalendarFeedToken>().Where(t => t.UserId == id).ExecuteDeleteAsync(cancellationToken);
        if (erasure.Choice == ClosingChoice.DeleteEverything)
            await db.Set<CalendarEvent>().Where(e => e.CreatedById == id).ExecuteDeleteAsync(cancellationToken);
        else
            await db.Set<CalendarEvent>().Where(e => e.CreatedById == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.CreatedById, (Guid?)null), cancellationToken);
        await db.Set<Meetings.SphereMeeting>().Where(m => m.CreatedById == id).ExecuteUpdateAsync(s => s.SetProperty(m => m.CreatedById, (Guid?)null), cancellationToken);
    }

    public async Task ExportAsync(PersonalDataExport export, CancellationToken cancellationToken)
    {
        var db = export.Db;
        var id = export.UserId;
        var answers = await db.Set<EventRsvp>().AsNoTracking().Where(r => r.UserId == id).OrderBy(r => r.Id)
            .Select(r => new { r.EventId, Status = r.Status.ToString(), r.RespondedAt }).ToListAsync(cancellationToken);
        await export.Archive.AddJsonAsync("events/answers.json", answers, cancellationToken);
        var organized = await db.Set<CalendarEvent>().AsNoTracking().Where(e => e.CreatedById == id).OrderBy(e => e.Id)
            .Select(e => new { e.Id, e.OrganizationId, e.SphereId, Type = e.Type.ToString(), e.Title, e.Description, e.StartUtc, e.EndUtc, e.TimeZone,
                e.Place, e.OnlineUrl, e.Capacity, Status = e.Status.ToString(), e.CreatedAt, e.UpdatedAt }).ToListAsync(cancellationToken);
        await export.Archive.AddJsonAsync("events/organized.json", organized, cancellationToken);
        // The feed's secret is not kept (only its hash), so only the fact and its dates are exported.
        var feed = await db.Set<CalendarFeedToken>().AsNoTracking().Where(t => t.UserId == id)
            .Select(t => new { t.CreatedAt, t.LastUsedAt }).FirstOrDefaultAsync(cancellationToken);
        await export.Archive.AddJsonAsync("events/calendar-feed.json", new { active = feed is not null, feed?.CreatedAt, feed?.LastUsedAt }, cancellationToken);
    }
}
