using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Tools.Tasks;

/// <summary>Boards of a sphere and their columns. Reading follows the sphere; managing follows its publishing rules.</summary>
public static class BoardEndpoints
{
    public static void MapBoards(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("").WithTags("Tasks");
        group.MapGet("/spheres/{id:guid}/boards", List).WithSummary("The boards of a sphere, oldest first.");
        group.MapPost("/spheres/{id:guid}/boards", Create).WithSummary("Creates a board (default columns: To do, In progress, Done).");
        group.MapGet("/boards/{id:guid}", Get).WithSummary("A board with its columns and cards in order.");
        group.MapPatch("/boards/{id:guid}", Update).WithSummary("Renames a board or changes its description.");
        group.MapDelete("/boards/{id:guid}", Delete).WithSummary("Deletes a board with its cards.");
        group.MapPost("/boards/{id:guid}/columns", AddColumn).WithSummary("Adds a column (at the end, or at the position given).");
        group.MapPatch("/task-columns/{id:guid}", UpdateColumn).WithSummary("Renames or moves a column.");
        group.MapDelete("/task-columns/{id:guid}", DeleteColumn).WithSummary("Deletes an empty column.");
    }

    internal static async Task<Ok<Page<BoardSummary>>> List(Guid id, string? cursor, int? limit, Viewer viewer, AccessGate gate, EnclaveDb db, CancellationToken cancellationToken)
    {
        await gate.ToolSphereAsync(viewer, id, "sphere", cancellationToken);
        var cards = db.Set<TaskCard>();
        var page = await db.Set<TaskBoard>().AsNoTracking().Where(b => b.SphereId == id)
            .Select(b => new { Board = b, Count = cards.Count(c => c.BoardId == b.Id) })
            .ToPageAsync(x => x.Board.Id, cursor, limit, x => new BoardSummary(x.Board.Id, x.Board.SphereId, x.Board.Name, x.Board.Description, x.Count, x.Board.CreatedAt), cancellationToken);
        return TypedResults.Ok(page);
    }

    internal static async Task<Created<BoardResponse>> Create(Guid id, CreateBoardRequest request, Viewer viewer, AccessGate gate, EnclaveDb db, TaskEvents events, TimeProvider clock, CancellationToken cancellationToken)
    {
        var v = new Validation().Text("name", request.Name, 1, TaskRules.MaxName).OptionalText("description", request.Description, TaskRules.MaxBoardDescription);
        var names = request.Columns is { Count: > 0 } given ? given.Select(n => n?.Trim() ?? "").ToList() : [.. TaskRules.DefaultColumns];
        if (names.Count > TaskRules.MaxColumns) v.Add("columns", $"at most {TaskRules.MaxColumns} columns.");
        if (names.Any(n => n.Length == 0 || n.Length > TaskRules.MaxColumnName || n.Contains('\0'))) v.Add("columns", $"each column needs a name of at most {TaskRules.MaxColumnName} characters.");
        v.ThrowIfAny();
        var access = await gate.ToolSphereAsync(viewer, id, "sphere", cancellationToken);
        TaskAccess.RequireManage(access);
        var board = new TaskBoard
        {
            Id = Ids.New(), OrganizationId = access.Sphere.OrganizationId, SphereId = id, Name = request.Name!.Trim(),
            Description = request.Description?.Trim() ?? "", CreatedById = viewer.Id, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Set<TaskBoard>().Add(board);
        db.Set<TaskColumn>().AddRange(names.Select((n, i) => new TaskColumn { Id = Ids.New(), OrganizationId = board.OrganizationId, SphereId = id, BoardId = board.Id, Name = n, Position = i }));
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        await events.ChangedAsync(board.OrganizationId, id, board.Id, null, viewer.Id, cancellationToken);
        return TypedResults.Created($"/api/v1/boards/{board.Id}", await TaskQueries.BoardAsync(access, board, db, cancellationToken));
    }

    internal static async Task<Ok<BoardResponse>> Get(Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, CancellationToken cancellationToken)
    {
        var (access, board) = await TaskAccess.BoardAsync(viewer, id, gate, db, cancellationToken);
        return TypedResults.Ok(await TaskQueries.BoardAsync(access, board, db, cancellationToken));
    }

    internal static async Task<Ok<BoardResponse>> Update(Guid id, UpdateBoardRequest request, Viewer viewer, AccessGate gate, EnclaveDb db, TaskEvents events, CancellationToken cancellationToken)
    {
        var v = new Validation().OptionalText("description", request.Description, TaskRules.MaxBoardDescription);
        if (request.Name is not null) v.Text("name", request.Name, 1, TaskRules.MaxName);
        v.ThrowIfAny();
        var (access, board) = await TaskAccess.ManagedBoardAsync(viewer, id, gate, db, cancellationToken);
        board.Name = request.Name?.Trim() ?? board.Name;
        board.Description = request.Description?.Trim() ?? board.Description;
        await db.Set<TaskBoard>().Where(b => b.Id == id).ExecuteUpdateAsync(s => s.SetProperty(b => b.Name, board.Name).SetProperty(b => b.Description, board.Description), cancellationToken);
        await events.ChangedAsync(board.OrganizationId, board.SphereId, id, null, viewer.Id, cancellationToken);
        return TypedResults.Ok(await TaskQueries.BoardAsync(access, board, db, cancellationToken));
    }

    internal static async Task<NoContent> Delete(Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, TaskEvents events, CancellationToken cancellationToken)
    {
        var (_, board) = await TaskAccess.ManagedBoardAsync(viewer, id, gate, db, cancellationToken);
        // Cascades to columns, cards, assignees, checklists and comments in the one statement.
        await db.Set<TaskBoard>().Where(b => b.Id == id).ExecuteDeleteAsync(cancellationToken);
        await events.ChangedAsync(board.OrganizationId, board.SphereId, id, null, viewer.Id, cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<Created<ColumnResponse>> AddColumn(Guid id, ColumnRequest request, Viewer viewer, AccessGate gate, EnclaveDb db, TaskEvents events, CancellationToken cancellationToken)
    {
        new Validation().Text("name", request.Name, 1, TaskRules.MaxColumnName).ThrowIfAny();
        var (_, board) = await TaskAccess.ManagedBoardAsync(viewer, id, gate, db, cancellationToken);
        var column = await BoardOrdering.WithBoardLockAsync(db, id, async () =>
        {
            var count = await db.Set<TaskColumn>().CountAsync(c => c.BoardId == id, cancellationToken);
            if (count >= TaskRules.MaxColumns) throw ProblemException.Conflict("too_many_columns", $"A board has at most {TaskRules.MaxColumns} columns.");
            var position = Math.Clamp(request.Position ?? count, 0, count);
            await BoardOrdering.ShiftColumnsAsync(db, id, position, int.MaxValue - 2, +1, cancellationToken);
            var added = new TaskColumn { Id = Ids.New(), OrganizationId = board.OrganizationId, SphereId = board.SphereId, BoardId = id, Name = request.Name!.Trim(), Position = position };
            db.Set<TaskColumn>().Add(added);
            return added;
        }, cancellationToken);
        db.ChangeTracker.Clear();
        await events.ChangedAsync(board.OrganizationId, board.SphereId, id, null, viewer.Id, cancellationToken);
        return TypedResults.Created($"/api/v1/task-columns/{column.Id}", new ColumnResponse(column.Id, column.Name, column.Position, []));
    }

    internal static async Task<Ok<ColumnResponse>> UpdateColumn(Guid id, ColumnRequest request, Viewer viewer, AccessGate gate, EnclaveDb db, TaskEvents events, CancellationToken cancellationToken)
    {
        if (request.Name is not null) new Validation().Text("name", request.Name, 1, TaskRules.MaxColumnName).ThrowIfAny();
        var (column, board) = await ManagedColumnAsync(id, viewer, gate, db, cancellationToken);
        var position = await BoardOrdering.WithBoardLockAsync(db, board.Id, async () =>
        {
            var current = await db.Set<TaskColumn>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken) ?? throw ProblemException.NotFound("column");
            var last = await db.Set<TaskColumn>().CountAsync(c => c.BoardId == board.Id, cancellationToken) - 1;
            var target = Math.Clamp(request.Position ?? current.Position, 0, last);
            if (target != current.Position)
            {
                await db.Set<TaskColumn>().Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Position, -1), cancellationToken);
                if (current.Position < target) await BoardOrdering.ShiftColumnsAsync(db, board.Id, current.Position + 1, target, -1, cancellationToken);
                else await BoardOrdering.ShiftColumnsAsync(db, board.Id, target, current.Position - 1, +1, cancellationToken);
            }
            await db.Set<TaskColumn>().Where(c => c.Id == id)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Position, target).SetProperty(c => c.Name, request.Name == null ? current.Name : request.Name.Trim()), cancellationToken);
            return target;
        }, cancellationToken);
        await events.ChangedAsync(board.OrganizationId, board.SphereId, board.Id, null, viewer.Id, cancellationToken);
        return TypedResults.Ok(new ColumnResponse(id, request.Name?.Trim() ?? column.Name, position, []));
    }

    internal static async Task<NoContent> DeleteColumn(Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, TaskEvents events, CancellationToken cancellationToken)
    {
        var (_, board) = await ManagedColumnAsync(id, viewer, gate, db, cancellationToken);
        await BoardOrdering.WithBoardLockAsync(db, board.Id, async () =>
        {
            var current = await db.Set<TaskColumn>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken) ?? throw ProblemException.NotFound("column");
            if (await db.Set<TaskCard>().AnyAsync(c => c.ColumnId == id, cancellationToken))
                throw ProblemException.Conflict("column_not_empty", "Move or delete the column's cards first.");
            if (await db.Set<TaskColumn>().CountAsync(c => c.BoardId == board.Id, cancellationToken) == 1)
                throw ProblemException.Conflict("last_column", "A board keeps at least one column.");
            await db.Set<TaskColumn>().Where(c => c.Id == id).ExecuteDeleteAsync(cancellationToken);
            await BoardOrdering.ShiftColumnsAsync(db, board.Id, current.Position + 1, int.MaxValue - 2, -1, cancellationToken);
            return true;
        }, cancellationToken);
        await events.ChangedAsync(board.OrganizationId, board.SphereId, board.Id, null, viewer.Id, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<(TaskColumn Column, TaskBoard Board)> ManagedColumnAsync(Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, CancellationToken cancellationToken)
    {
        var column = await db.Set<TaskColumn>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken) ?? throw ProblemException.NotFound("column");
        var access = await gate.ToolSphereAsync(viewer, column.SphereId, "column", cancellationToken);
        TaskAccess.RequireManage(access);
        var board = await db.Set<TaskBoard>().AsNoTracking().FirstAsync(b => b.Id == column.BoardId, cancellationToken);
        return (column, board);
    }
}
