using Enclave.Server.Privacy;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Audit;

/// <summary>
/// A person's part of the trail in their data export (<c>audit/entries.json</c>): entries they are
/// the subject or the actor of, oldest first, with names resolved as they are now. No eraser: the
/// entries hold ids, IP addresses and non-identifying details only, and leave with their year.
/// </summary>
public sealed class AuditExporter(AuditReader reader) : IPersonalDataExporter
{
    public async Task ExportAsync(PersonalDataExport export, CancellationToken cancellationToken)
    {
        var userId = export.UserId;
        var entries = await export.Db.AuditEntries.AsNoTracking()
            .Where(e => e.SubjectUserId == userId || e.ActorId == userId)
            .OrderBy(e => e.Id).ToListAsync(cancellationToken);
        await export.Archive.AddJsonAsync("audit/entries.json", await reader.ViewsAsync(entries, cancellationToken), cancellationToken);
    }
}
