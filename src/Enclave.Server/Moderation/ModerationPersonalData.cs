using Enclave.Server.Privacy;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Moderation;

/// <summary>
/// Moderation's part in closing an account and in a data export. Closing (either choice) deletes
/// the reports the person made and the reports about them, the actions taken about them, their
/// mutes, bans and analytics rows; where they acted as a moderator, the action stays without their
/// id. The audit trail (ids only) keeps what it keeps under its own retention.
/// </summary>
public sealed class ModerationPersonalData : IPersonalDataEraser, IPersonalDataExporter
{
    public async Task EraseAsync(PersonalDataErasure erasure, CancellationToken cancellationToken)
    {
        var db = erasure.Db;
        var id = erasure.UserId;
        await db.Reports.Where(r => r.ReporterId == id || r.TargetUserId == id).ExecuteDeleteAsync(cancellationToken);
        await db.ModerationActions.Where(a => a.TargetUserId == id).ExecuteDeleteAsync(cancellationToken);
        await db.ModerationActions.Where(a => a.ModeratorId == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.ModeratorId, (Guid?)null), cancellationToken);
        await db.SphereMutes.Where(m => m.UserId == id).ExecuteDeleteAsync(cancellationToken);
        await db.OrganizationBans.Where(b => b.UserId == id).ExecuteDeleteAsync(cancellationToken);
        await db.ActivityDays.Where(d => d.UserId == id).ExecuteDeleteAsync(cancellationToken);
    }

    public async Task ExportAsync(PersonalDataExport export, CancellationToken cancellationToken)
    {
        var db = export.Db;
        var id = export.UserId;
        var reports = await db.Reports.AsNoTracking().Where(r => r.ReporterId == id).OrderBy(r => r.Id)
            .Select(r => new { r.Id, r.OrganizationId, r.SphereId, TargetType = r.TargetType.ToString(), r.TargetId, Category = r.Category.ToString(), r.Text,
                Status = r.Status.ToString(), Outcome = r.Outcome.ToString(), r.CreatedAt, r.HandledAt }).ToListAsync(cancellationToken);
        await export.Archive.AddJsonAsync("moderation/reports.json", reports, cancellationToken);
        // Decisions about the person, without the moderator's identity (as in their notifications).
        var actions = await db.ModerationActions.AsNoTracking().Where(a => a.TargetUserId == id).OrderBy(a => a.Id)
            .Select(a => new { a.Id, a.OrganizationId, a.SphereId, Kind = a.Kind.ToString(), a.Message, a.Until, a.CreatedAt }).ToListAsync(cancellationToken);
        await export.Archive.AddJsonAsync("moderation/actions-about-me.json", actions, cancellationToken);
        var mutes = await db.SphereMutes.AsNoTracking().Where(m => m.UserId == id).Select(m => new { m.SphereId, m.Until }).ToListAsync(cancellationToken);
        var bans = await db.OrganizationBans.AsNoTracking().Where(b => b.UserId == id).Select(b => new { b.OrganizationId, b.BannedAt }).ToListAsync(cancellationToken);
        await export.Archive.AddJsonAsync("moderation/restrictions.json", new { mutes, bans }, cancellationToken);
    }
}
