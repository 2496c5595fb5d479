using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Privacy.Export;

/// <summary>
/// The exports' part in closing an account and in the person's own export. Closing deletes every
/// export the person asked for (personal, and organization exports they requested) and their
/// archives; a job still running notices the row is gone and stops.
/// </summary>
public sealed class DataExportPersonalData : IPersonalDataEraser, IPersonalDataExporter
{
    public async Task EraseAsync(PersonalDataErasure erasure, CancellationToken cancellationToken)
    {
        var userId = erasure.UserId;
        var rows = await erasure.Db.DataExports.Where(e => e.UserId == userId).ToListAsync(cancellationToken);
        foreach (var row in rows)
            if (row.BlobKey is not null) erasure.BlobsToDelete.Add((row.BlobOrganizationId, row.BlobKey));
        erasure.Db.DataExports.RemoveRange(rows);
    }

    public async Task ExportAsync(PersonalDataExport export, CancellationToken cancellationToken)
    {
        var userId = export.UserId;
        await export.Archive.AddJsonAsync("exports/exports.json", await export.Db.DataExports.AsNoTracking().Where(e => e.UserId == userId)
            .OrderBy(e => e.CreatedAt).Select(e => new { e.Id, e.Kind, e.OrganizationId, e.Status, e.CreatedAt, e.CompletedAt, e.ExpiresAt, e.Size })
            .ToListAsync(cancellationToken), cancellationToken);
    }
}
