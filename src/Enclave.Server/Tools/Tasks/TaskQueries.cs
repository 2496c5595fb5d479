using Enclave.Server.Access;
using Enclave.Server.Accounts;
using Enclave.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Tools.Tasks;

/// <summary>
/// Reads of boards and cards in a fixed number of queries whatever their size (columns, cards,
/// assignees with their people, checklist and comment counts: one query each), so a board of 500
/// cards costs what a board of 10 does. Callers have passed the gate.
/// </summary>
public static class TaskQueries
{
    public static async Task<BoardResponse> BoardAsync(SphereAccess access, TaskBoard board, EnclaveDb db, CancellationToken cancellationToken)
    {
        var columns = await db.Set<TaskColumn>().AsNoTracking().Where(c => c.BoardId == board.Id).OrderBy(c => c.Position).ToListAsync(cancellationToken);
        var cards = await db.Set<TaskCard>().AsNoTracking().Where(c => c.BoardId == board.Id).OrderBy(c => c.Position)
            .Select(c => new { c.Id, c.ColumnId, c.Position, c.Title, c.Labels, c.DueAt }).ToListAsync(cancellationToken);
        var boardCards = db.Set<TaskCard>().Where(c => c.BoardId == board.Id).Select(c => c.Id);
        var assignees = await AssigneesAsync(db, db.Set<TaskAssignee>().Where(a => boardCards.Contains(a.CardId)), cancellationToken);
        var checklist = await db.Set<TaskChecklistItem>().AsNoTracking().Where(i => boardCards.Contains(i.CardId))
            .GroupBy(i => i.CardId).Select(g => new { CardId = g.Key, Total = g.Count(), Done = g.Count(i => i.Done) })
            .ToDictionaryAsync(x => x.CardId, cancellationToken);
        var comments = await db.Set<TaskComment>().AsNoTracking().Where(c => boardCards.Contains(c.CardId))
            .GroupBy(c => c.CardId).Select(g => new { CardId = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.CardId, x => x.Count, cancellationToken);
        var byColumn = cards.ToLookup(c => c.ColumnId);
        return new BoardResponse(board.Id, board.OrganizationId, board.SphereId, access.Sphere.Name, board.Name, board.Description, board.Revision,
            columns.Select(col => new ColumnResponse(col.Id, col.Name, col.Position, byColumn[col.Id].Select(c => new CardSummary(
                c.Id, c.ColumnId, c.Position, c.Title, TaskRules.SplitLabels(c.Labels), c.DueAt,
                assignees.TryGetValue(c.Id, out var people) ? people : [],
                checklist.TryGetValue(c.Id, out var items) ? items.Done : 0, items?.Total ?? 0,
                comments.GetValueOrDefault(c.Id))).ToList())).ToList(),
            TaskAccess.Permissions(access), board.CreatedAt);
    }

    public static async Task<CardResponse> CardAsync(SphereAccess access, Guid cardId, EnclaveDb db, CancellationToken cancellationToken)
    {
        var card = await db.Set<TaskCard>().AsNoTracking().FirstAsync(c => c.Id == cardId, cancellationToken);
        var board = await db.Set<TaskBoard>().AsNoTracking().FirstAsync(b => b.Id == card.BoardId, cancellationToken);
        var columns = await db.Set<TaskColumn>().AsNoTracking().Where(c => c.BoardId == card.BoardId).OrderBy(c => c.Position)
            .Select(c => new ColumnChoice(c.Id, c.Name)).ToListAsync(cancellationToken);
        var assignees = await AssigneesAsync(db, db.Set<TaskAssignee>().Where(a => a.CardId == cardId), cancellationToken);
        var checklist = await db.Set<TaskChecklistItem>().AsNoTracking().Where(i => i.CardId == cardId).OrderBy(i => i.Id)
            .Select(i => new ChecklistItemResponse(i.Id, i.Text, i.Done)).ToListAsync(cancellationToken);
        var commentCount = await db.Set<TaskComment>().CountAsync(c => c.CardId == cardId, cancellationToken);
        var creator = card.CreatedById is { } by ? await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == by, cancellationToken) : null;
        return new CardResponse(card.Id, card.OrganizationId, card.SphereId, access.Sphere.Name, board.Id, board.Name, card.ColumnId,
            columns.FirstOrDefault(c => c.Id == card.ColumnId)?.Name ?? "", card.Position, card.Title, card.Description, card.DescriptionHtml,
            TaskRules.SplitLabels(card.Labels), card.DueAt, assignees.GetValueOrDefault(card.Id) ?? [], checklist, commentCount,
            creator is null ? null : UserSummary.From(creator), card.CreatedAt, card.UpdatedAt, TaskAccess.Permissions(access), columns);
    }

    /// <summary>The people assigned to each card of the query, in one query with their user rows.</summary>
    private static async Task<Dictionary<Guid, List<UserSummary>>> AssigneesAsync(EnclaveDb db, IQueryable<TaskAssignee> query, CancellationToken cancellationToken)
    {
        var rows = await query.AsNoTracking().OrderBy(a => a.AssignedAt)
            .Join(db.Users.AsNoTracking(), a => a.UserId, u => u.Id, (a, u) => new { a.CardId, User = u }).ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.CardId).ToDictionary(g => g.Key, g => g.Select(r => UserSummary.From(r.User)).ToList());
    }
}
