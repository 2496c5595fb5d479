using Enclave.Server.Privacy;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Tools.Tasks;

/// <summary>
/// The kanban's part in closing an account and in a data export. Closing (either choice) removes
/// the person's assignments and their name as creator of boards, cards and checklist items (the
/// team's work stays in the sphere, unsigned). Their card comments are deleted with "delete
/// everything" and stay under "Former member" with "anonymize", as post comments do.
/// </summary>
public sealed class TaskPersonalData : IPersonalDataEraser, IPersonalDataExporter
{
    public async Task EraseAsync(PersonalDataErasure erasure, CancellationToken cancellationToken)
    {
        var db = erasure.Db;
        Guid? id = erasure.UserId;
        await db.Set<TaskAssignee>().Where(a => a.UserId == erasure.UserId).ExecuteDeleteAsync(cancellationToken);
        await db.Set<TaskBoard>().Where(b => b.CreatedById == id).ExecuteUpdateAsync(s => s.SetProperty(b => b.CreatedById, (Guid?)null), cancellationToken);
        await db.Set<TaskCard>().Where(c => c.CreatedById == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.CreatedById, (Guid?)null), cancellationToken);
        await db.Set<TaskChecklistItem>().Where(i => i.CreatedById == id).ExecuteUpdateAsync(s => s.SetProperty(i => i.CreatedById, (Guid?)null), cancellationToken);
        if (erasure.Choice == ClosingChoice.DeleteEverything)
            await db.Set<TaskComment>().Where(c => c.AuthorId == erasure.UserId).ExecuteDeleteAsync(cancellationToken);
    }

    public async Task ExportAsync(PersonalDataExport export, CancellationToken cancellationToken)
    {
        var db = export.Db;
        var id = export.UserId;
        Guid? me = id;
        var assigned = await (from a in db.Set<TaskAssignee>().AsNoTracking()
                              join c in db.Set<TaskCard>() on a.CardId equals c.Id
                              where a.UserId == id
                              orderby c.Id
                              select new { c.Id, c.OrganizationId, c.SphereId, c.BoardId, c.Title, c.DueAt, a.AssignedAt }).ToListAsync(cancellationToken);
        await export.Archive.AddJsonAsync("tasks/assigned-cards.json", assigned, cancellationToken);
        var created = await db.Set<TaskCard>().AsNoTracking().Where(c => c.CreatedById == me).OrderBy(c => c.Id)
            .Select(c => new { c.Id, c.OrganizationId, c.SphereId, c.BoardId, c.Title, c.Description, c.Labels, c.DueAt, c.CreatedAt }).ToListAsync(cancellationToken);
        await export.Archive.AddJsonAsync("tasks/created-cards.json", created, cancellationToken);
        var boards = await db.Set<TaskBoard>().AsNoTracking().Where(b => b.CreatedById == me).OrderBy(b => b.Id)
            .Select(b => new { b.Id, b.OrganizationId, b.SphereId, b.Name, b.Description, b.CreatedAt }).ToListAsync(cancellationToken);
        await export.Archive.AddJsonAsync("tasks/created-boards.json", boards, cancellationToken);
        var items = await db.Set<TaskChecklistItem>().AsNoTracking().Where(i => i.CreatedById == me).OrderBy(i => i.Id)
            .Select(i => new { i.Id, i.CardId, i.Text, i.Done, i.CreatedAt }).ToListAsync(cancellationToken);
        await export.Archive.AddJsonAsync("tasks/checklist-items.json", items, cancellationToken);
        var comments = await db.Set<TaskComment>().AsNoTracking().Where(c => c.AuthorId == id).OrderBy(c => c.Id)
            .Select(c => new { c.Id, c.OrganizationId, c.SphereId, c.CardId, c.Body, c.CreatedAt }).ToListAsync(cancellationToken);
        await export.Archive.AddJsonAsync("tasks/comments.json", comments, cancellationToken);
    }
}
