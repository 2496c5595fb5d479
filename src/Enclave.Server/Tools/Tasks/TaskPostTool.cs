using Enclave.Server.Access;
using Enclave.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Tools.Tasks;

/// <summary>Lets a post carry a card (kind <c>task</c>): the feed shows its title, column and due date.</summary>
public sealed class TaskPostTool(EnclaveDb db) : IPostTool
{
    public string Kind => "task";

    public Task<bool> CanAttachAsync(SphereAccess access, Guid authorId, Guid itemId, CancellationToken cancellationToken) =>
        db.Set<TaskCard>().AnyAsync(c => c.Id == itemId && c.SphereId == access.Sphere.Id, cancellationToken);

    public async Task<IReadOnlyDictionary<Guid, ToolCard>> CardsAsync(Viewer viewer, IReadOnlyCollection<Guid> itemIds, CancellationToken cancellationToken)
    {
        var rows = await (from c in db.Set<TaskCard>().AsNoTracking()
                          join b in db.Set<TaskBoard>() on c.BoardId equals b.Id
                          join col in db.Set<TaskColumn>() on c.ColumnId equals col.Id
                          where itemIds.Contains(c.Id)
                          select new { c.Id, c.SphereId, c.Title, BoardName = b.Name, ColumnName = col.Name, c.DueAt }).ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Id, r => new ToolCard("task", r.Id, r.Title, r.BoardName, $"/s/{r.SphereId}/tasks/cards/{r.Id}", r.ColumnName,
            new System.Text.Json.Nodes.JsonObject { ["board"] = r.BoardName, ["column"] = r.ColumnName, ["dueAt"] = r.DueAt }));
    }
}

/// <summary>What the kanban's notifications say: the card's title and its page; a card deleted since leaves the notification without detail.</summary>
public sealed class TaskNotices(EnclaveDb db) : IToolNotices
{
    public IReadOnlyCollection<Notifications.NotificationKind> Kinds { get; } = [Notifications.NotificationKind.TaskAssigned, Notifications.NotificationKind.TaskDueSoon];

    public async Task<IReadOnlyDictionary<Guid, ToolNotice>> DescribeAsync(Guid userId, IReadOnlyList<Notifications.Notification> notifications, CancellationToken cancellationToken)
    {
        var ids = notifications.Where(n => n.SubjectId != null).Select(n => n.SubjectId!.Value).Distinct().ToList();
        var cards = await db.Set<TaskCard>().AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, c.SphereId, c.Title }).ToDictionaryAsync(c => c.Id, cancellationToken);
        return notifications.Where(n => n.SubjectId is { } s && cards.ContainsKey(s) && cards[s].SphereId == n.SphereId)
            .ToDictionary(n => n.Id, n => new ToolNotice(cards[n.SubjectId!.Value].Title, $"/s/{n.SphereId}/tasks/cards/{n.SubjectId}"));
    }
}
