using Enclave.Server.Privacy;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Notifications.Delivery;

/// <summary>
/// Closing an account deletes its preferences, delivery rules, extra addresses, organization
/// choices and queued emails (whatever the choice: none of it is public content); the export
/// holds them all.
/// </summary>
public sealed class DeliveryPersonalData : IPersonalDataEraser, IPersonalDataExporter
{
    public async Task EraseAsync(PersonalDataErasure erasure, CancellationToken cancellationToken)
    {
        var db = erasure.Db;
        var id = erasure.UserId;
        db.RemoveRange(await db.Set<QueuedEmail>().Where(x => x.UserId == id).ToListAsync(cancellationToken));
        db.RemoveRange(await db.Set<OrganizationEmailChoice>().Where(x => x.UserId == id).ToListAsync(cancellationToken));
        db.RemoveRange(await db.Set<EmailAddress>().Where(x => x.UserId == id).ToListAsync(cancellationToken));
        db.RemoveRange(await db.Set<NotificationPreference>().Where(x => x.UserId == id).ToListAsync(cancellationToken));
        db.RemoveRange(await db.Set<DeliverySettings>().Where(x => x.UserId == id).ToListAsync(cancellationToken));
        // Queued emails naming the person as the actor say "someone" once they are gone.
        foreach (var queued in await db.Set<QueuedEmail>().Where(x => x.ActorId == id).ToListAsync(cancellationToken)) queued.ActorId = null;
    }

    public async Task ExportAsync(PersonalDataExport export, CancellationToken cancellationToken)
    {
        var db = export.Db;
        var id = export.UserId;
        await export.Archive.AddJsonAsync("notifications/delivery.json",
            await db.Set<DeliverySettings>().AsNoTracking().Where(x => x.UserId == id).Select(x => new { x.TimeZone, x.WindowDays, x.WindowStartHour, x.WindowEndHour, x.Digest, x.DailyMax, x.NextDigestAt, x.LastDigestAt }).FirstOrDefaultAsync(cancellationToken),
            cancellationToken);
        await export.Archive.AddJsonAsync("notifications/preferences.json",
            await db.Set<NotificationPreference>().AsNoTracking().Where(x => x.UserId == id).Select(x => new { x.Scope, x.ScopeId, x.OrganizationId, x.Kind, x.InApp, x.Email }).ToListAsync(cancellationToken),
            cancellationToken);
        await export.Archive.AddJsonAsync("notifications/email-addresses.json",
            await db.Set<EmailAddress>().AsNoTracking().Where(x => x.UserId == id).Select(x => new { x.Id, x.Address, x.CreatedAt, x.ConfirmedAt }).ToListAsync(cancellationToken),
            cancellationToken);
        await export.Archive.AddJsonAsync("notifications/organization-addresses.json",
            await db.Set<OrganizationEmailChoice>().AsNoTracking().Where(x => x.UserId == id).Select(x => new { x.OrganizationId, x.EmailAddressId }).ToListAsync(cancellationToken),
            cancellationToken);
        await export.Archive.AddJsonAsync("notifications/queued-emails.json",
            await db.Set<QueuedEmail>().AsNoTracking().Where(x => x.UserId == id).Select(x => new { x.Id, x.Kind, x.OrganizationId, x.SphereId, x.PostId, x.CreatedAt, x.DueAt, x.Status, x.SentAt }).ToListAsync(cancellationToken),
            cancellationToken);
    }
}
