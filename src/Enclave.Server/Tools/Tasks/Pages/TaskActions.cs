using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Posts;
using Enclave.Server.Ui;
using Enclave.Server.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Tools.Tasks.Pages;

/// <summary>
/// The kanban pages' form actions. Each calls the API's own handler (same gate, same rules), then
/// goes back to the page (303), or answers 204 / a fragment to /js/tasks.js and /js/enclave.js.
/// The move buttons work without JavaScript: a direction is turned into a column and a position.
/// </summary>
public static class TaskActions
{
    public static void MapTaskActions(RouteGroupBuilder ui)
    {
        ui.MapGet("/fragments/boards/{id:guid}", Fragment);
        ui.MapPost("/spheres/{id:guid}/boards", CreateBoard);
        ui.MapPost("/boards/{id:guid}/cards", CreateCard);
        ui.MapPost("/boards/{id:guid}/columns", AddColumn);
        ui.MapPost("/boards/{id:guid}/delete", DeleteBoard);
        ui.MapPost("/task-columns/{id:guid}", UpdateColumn);
        ui.MapPost("/task-columns/{id:guid}/delete", DeleteColumn);
        ui.MapPost("/cards/{id:guid}/move", Move);
        ui.MapPost("/cards/{id:guid}/delete", DeleteCard);
        ui.MapPost("/cards/{id:guid}/share", Share);
        TaskCardActions.MapCardActions(ui);
    }

    internal static async Task<IResult> Fragment(Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, CancellationToken cancellationToken)
    {
        var board = (await BoardEndpoints.Get(id, viewer, gate, db, cancellationToken)).Value!;
        return new Microsoft.AspNetCore.Http.HttpResults.RazorComponentResult<BoardView>(new { Board = board });
    }

    private static string BoardUrl(Guid sphereId, Guid boardId) => $"/s/{sphereId}/tasks/{boardId}";

    /// <summary>The default columns are named in the creator's language (they are the board's data from then on).</summary>
    private static async Task<IResult> CreateBoard(Guid id, [FromForm] string? name, Viewer viewer, AccessGate gate, EnclaveDb db, TaskEvents events, TimeProvider clock,
        Microsoft.Extensions.Localization.IStringLocalizer<Text> t, HttpContext http, CancellationToken cancellationToken)
    {
        var columns = TaskRules.DefaultColumns.Select(c => (string?)t[c].Value).ToList();
        var board = (await BoardEndpoints.Create(id, new CreateBoardRequest(name, null, columns), viewer, gate, db, events, clock, cancellationToken)).Value!;
        return UiActions.Back(http, BoardUrl(id, board.Id));
    }

    private static async Task<IResult> CreateCard(Guid id, [FromForm] string? title, [FromForm] Guid? columnId, [FromForm] string? returnUrl, Viewer viewer, AccessGate gate, EnclaveDb db, TaskEvents events, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        await CardEndpoints.Create(id, new CreateCardRequest(columnId, title, null, null, null, null), viewer, gate, db, events, clock, cancellationToken);
        return UiActions.Back(http, returnUrl);
    }

    private static async Task<IResult> AddColumn(Guid id, [FromForm] string? name, [FromForm] string? returnUrl, Viewer viewer, AccessGate gate, EnclaveDb db, TaskEvents events, HttpContext http, CancellationToken cancellationToken)
    {
        await BoardEndpoints.AddColumn(id, new ColumnRequest(name, null), viewer, gate, db, events, cancellationToken);
        return UiActions.Back(http, returnUrl);
    }

    private static async Task<IResult> DeleteBoard(Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, TaskEvents events, HttpContext http, CancellationToken cancellationToken)
    {
        var (_, board) = await TaskAccess.BoardAsync(viewer, id, gate, db, cancellationToken);
        await BoardEndpoints.Delete(id, viewer, gate, db, events, cancellationToken);
        return UiActions.Back(http, $"/s/{board.SphereId}/tasks");
    }

    /// <summary>Renames a column, or moves it one step (<c>direction</c> left or right).</summary>
    private static async Task<IResult> UpdateColumn(Guid id, [FromForm] string? name, [FromForm] string? direction, [FromForm] int? position, [FromForm] string? returnUrl,
        Viewer viewer, AccessGate gate, EnclaveDb db, TaskEvents events, HttpContext http, CancellationToken cancellationToken)
    {
        var column = await db.Set<TaskColumn>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken) ?? throw ProblemException.NotFound("column");
        var target = direction switch { "left" => column.Position - 1, "right" => column.Position + 1, _ => position };
        if (target is < 0) target = 0;
        await BoardEndpoints.UpdateColumn(id, new ColumnRequest(string.IsNullOrWhiteSpace(name) ? null : name, target), viewer, gate, db, events, cancellationToken);
        return UiActions.Back(http, returnUrl);
    }

    private static async Task<IResult> DeleteColumn(Guid id, [FromForm] string? returnUrl, Viewer viewer, AccessGate gate, EnclaveDb db, TaskEvents events, HttpContext http, CancellationToken cancellationToken)
    {
        await BoardEndpoints.DeleteColumn(id, viewer, gate, db, events, cancellationToken);
        return UiActions.Back(http, returnUrl);
    }

    /// <summary>
    /// Moves a card: to <c>columnId</c>/<c>position</c> (drag and drop), or one step in a
    /// <c>direction</c> (up, down: within the column; left, right: to the top of the next column).
    /// </summary>
    private static async Task<IResult> Move(Guid id, [FromForm] string? direction, [FromForm] Guid? columnId, [FromForm] int? position, [FromForm] string? returnUrl,
        Viewer viewer, AccessGate gate, EnclaveDb db, TaskEvents events, HttpContext http, CancellationToken cancellationToken)
    {
        var (_, card) = await TaskAccess.EditableCardAsync(viewer, id, gate, db, cancellationToken);
        var request = new MoveCardRequest(columnId, position);
        if (direction is "up" or "down") request = new MoveCardRequest(card.ColumnId, Math.Max(0, card.Position + (direction == "up" ? -1 : 1)));
        else if (direction is "left" or "right")
        {
            var columns = await db.Set<TaskColumn>().AsNoTracking().Where(c => c.BoardId == card.BoardId).OrderBy(c => c.Position).Select(c => c.Id).ToListAsync(cancellationToken);
            var index = columns.IndexOf(card.ColumnId) + (direction == "left" ? -1 : 1);
            if (index < 0 || index >= columns.Count) return UiActions.Back(http, returnUrl);
            request = new MoveCardRequest(columns[index], card.Position);
        }
        await CardEndpoints.Move(id, request, viewer, gate, db, events, cancellationToken);
        return UiActions.Back(http, returnUrl);
    }

    private static async Task<IResult> DeleteCard(Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, TaskEvents events, HttpContext http, CancellationToken cancellationToken)
    {
        var (_, card) = await TaskAccess.EditableCardAsync(viewer, id, gate, db, cancellationToken);
        await CardEndpoints.Delete(id, viewer, gate, db, events, cancellationToken);
        return UiActions.Back(http, BoardUrl(card.SphereId, card.BoardId));
    }

    /// <summary>"Share in the feed": a post in the card's sphere carrying the card.</summary>
    private static async Task<IResult> Share(Guid id, [FromForm] string? body, Viewer viewer, AccessGate gate, EnclaveDb db, PostService posts, PostViewBuilder views, PostEvents postEvents, HttpContext http, CancellationToken cancellationToken)
    {
        var (_, card) = await TaskAccess.CardAsync(viewer, id, gate, db, cancellationToken);
        var text = string.IsNullOrWhiteSpace(body) ? card.Title : body;
        var post = (await PostEndpoints.Create(card.SphereId, new CreatePostRequest(text, null, false, null, null, null, null, new ToolReference("task", id)),
            viewer, gate, posts, views, postEvents, cancellationToken)).Value!;
        return UiActions.Back(http, $"/p/{post.Id}");
    }
}
