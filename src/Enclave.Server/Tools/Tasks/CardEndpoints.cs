using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Posts.Rendering;
using Enclave.Server.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Tools.Tasks;

/// <summary>Cards: create, read, edit, move and reorder (under the board's lock), delete. Working with cards is for the sphere's members.</summary>
public static class CardEndpoints
{
    public static void MapCards(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("").WithTags("Tasks");
        group.MapPost("/boards/{id:guid}/cards", Create).WithSummary("Adds a card at the end of a column.");
        group.MapGet("/cards/{id:guid}", Get).WithSummary("A card with its description, assignees and checklist.");
        group.MapPatch("/cards/{id:guid}", Update).WithSummary("Changes a card's title, description, due date or labels.");
        group.MapDelete("/cards/{id:guid}", Delete).WithSummary("Deletes a card.");
        group.MapPost("/cards/{id:guid}/move", Move).WithSummary("Moves a card to a column and position (0 is the top); the others make room.");
        group.MapPut("/cards/{id:guid}/assignees", SetAssignees).WithSummary("Sets who is assigned (members of the sphere only).");
        group.MapGet("/me/tasks", Mine).WithSummary("Cards assigned to me in every sphere I read.");
    }

    internal static async Task<Created<CardResponse>> Create(Guid id, CreateCardRequest request, Viewer viewer, AccessGate gate, EnclaveDb db, TaskEvents events, TimeProvider clock, CancellationToken cancellationToken)
    {
        var v = new Validation().Text("title", request.Title, 1, TaskRules.MaxTitle).OptionalText("description", request.Description, TaskRules.MaxDescription);
        var labels = TaskRules.Labels(v, request.Labels);
        if (request.AssigneeIds is { Count: > TaskRules.MaxAssignees }) v.Add("assigneeIds", $"at most {TaskRules.MaxAssignees} people.");
        v.ThrowIfAny();
        var (access, board) = await TaskAccess.BoardAsync(viewer, id, gate, db, cancellationToken);
        TaskAccess.RequireCardWork(access);
        var assignees = await TaskAssignees.RequireMembersAsync(access, request.AssigneeIds, gate, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var description = request.Description?.Trim() ?? "";
        var card = await BoardOrdering.WithBoardLockAsync(db, id, async () =>
        {
            var columnId = request.ColumnId ?? await db.Set<TaskColumn>().Where(c => c.BoardId == id).OrderBy(c => c.Position).Select(c => c.Id).FirstAsync(cancellationToken);
            if (!await db.Set<TaskColumn>().AnyAsync(c => c.Id == columnId && c.BoardId == id, cancellationToken)) throw ColumnNotInBoard();
            var added = new TaskCard
            {
                Id = Ids.New(), OrganizationId = board.OrganizationId, SphereId = board.SphereId, BoardId = id, ColumnId = columnId,
                Position = await db.Set<TaskCard>().CountAsync(c => c.ColumnId == columnId, cancellationToken),
                Title = request.Title!.Trim(), Description = description, DescriptionHtml = Render(description), Labels = string.Join(',', labels),
                DueAt = TaskRules.Due(request.DueAt), CreatedById = viewer.Id, CreatedAt = now, UpdatedAt = now,
            };
            db.Set<TaskCard>().Add(added);
            db.Set<TaskAssignee>().AddRange(assignees.Select(u => new TaskAssignee { CardId = added.Id, UserId = u, OrganizationId = added.OrganizationId, SphereId = added.SphereId, AssignedAt = now }));
            return added;
        }, cancellationToken);
        db.ChangeTracker.Clear();
        await events.AssignedAsync(card, assignees, viewer.Id, cancellationToken);
        await events.ChangedAsync(card.OrganizationId, card.SphereId, id, card.Id, viewer.Id, cancellationToken);
        return TypedResults.Created($"/api/v1/cards/{card.Id}", await TaskQueries.CardAsync(access, card.Id, db, cancellationToken));
    }

    internal static async Task<Ok<CardResponse>> Get(Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, CancellationToken cancellationToken)
    {
        var (access, card) = await TaskAccess.CardAsync(viewer, id, gate, db, cancellationToken);
        return TypedResults.Ok(await TaskQueries.CardAsync(access, card.Id, db, cancellationToken));
    }

    internal static async Task<Ok<CardResponse>> Update(Guid id, UpdateCardRequest request, Viewer viewer, AccessGate gate, EnclaveDb db, TaskEvents events, TimeProvider clock, CancellationToken cancellationToken)
    {
        var v = new Validation().OptionalText("description", request.Description, TaskRules.MaxDescription);
        if (request.Title is not null) v.Text("title", request.Title, 1, TaskRules.MaxTitle);
        var labels = request.Labels is null ? null : TaskRules.Labels(v, request.Labels);
        if (request.DueAt is not null && request.ClearDueAt == true) v.Add("dueAt", "cannot be set and cleared at once.");
        v.ThrowIfAny();
        var (access, _) = await TaskAccess.EditableCardAsync(viewer, id, gate, db, cancellationToken);
        var card = await db.Set<TaskCard>().FirstAsync(c => c.Id == id, cancellationToken);
        if (request.Title is not null) card.Title = request.Title.Trim();
        if (request.Description is not null)
        {
            card.Description = request.Description.Trim();
            card.DescriptionHtml = Render(card.Description);
        }
        if (labels is not null) card.Labels = string.Join(',', labels);
        var due = request.ClearDueAt == true ? null : request.DueAt is null ? card.DueAt : TaskRules.Due(request.DueAt);
        // A new due date gets its own reminder.
        if (due != card.DueAt) card.DueReminderSentAt = null;
        card.DueAt = due;
        card.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        await events.ChangedAsync(card.OrganizationId, card.SphereId, card.BoardId, card.Id, viewer.Id, cancellationToken);
        return TypedResults.Ok(await TaskQueries.CardAsync(access, id, db, cancellationToken));
    }

    internal static async Task<NoContent> Delete(Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, TaskEvents events, CancellationToken cancellationToken)
    {
        var (_, card) = await TaskAccess.EditableCardAsync(viewer, id, gate, db, cancellationToken);
        await BoardOrdering.WithBoardLockAsync(db, card.BoardId, async () =>
        {
            var current = await db.Set<TaskCard>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken) ?? throw ProblemException.NotFound("card");
            await db.Set<TaskCard>().Where(c => c.Id == id).ExecuteDeleteAsync(cancellationToken);
            await BoardOrdering.ShiftCardsAsync(db, current.ColumnId, current.Position + 1, int.MaxValue - 2, -1, cancellationToken);
            return true;
        }, cancellationToken);
        await events.ChangedAsync(card.OrganizationId, card.SphereId, card.BoardId, id, viewer.Id, cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<Ok<CardResponse>> Move(Guid id, MoveCardRequest request, Viewer viewer, AccessGate gate, EnclaveDb db, TaskEvents events, CancellationToken cancellationToken)
    {
        var v = new Validation();
        if (request.Position is < 0) v.Add("position", "must be 0 or more.");
        v.ThrowIfAny();
        var (access, card) = await TaskAccess.EditableCardAsync(viewer, id, gate, db, cancellationToken);
        await BoardOrdering.WithBoardLockAsync(db, card.BoardId, async () =>
        {
            // Read again under the lock: another move may have just changed its place.
            var current = await db.Set<TaskCard>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken) ?? throw ProblemException.NotFound("card");
            var columnId = request.ColumnId ?? current.ColumnId;
            if (columnId != current.ColumnId && !await db.Set<TaskColumn>().AnyAsync(c => c.Id == columnId && c.BoardId == current.BoardId, cancellationToken))
                throw ColumnNotInBoard();
            return await BoardOrdering.MoveCardAsync(db, current, columnId, request.Position, cancellationToken);
        }, cancellationToken);
        await events.ChangedAsync(card.OrganizationId, card.SphereId, card.BoardId, id, viewer.Id, cancellationToken);
        return TypedResults.Ok(await TaskQueries.CardAsync(access, id, db, cancellationToken));
    }

    internal static async Task<Ok<CardResponse>> SetAssignees(Guid id, AssigneesRequest request, Viewer viewer, AccessGate gate, EnclaveDb db, TaskEvents events, TimeProvider clock, CancellationToken cancellationToken)
    {
        var v = new Validation();
        if (request.UserIds is null) v.Add("userIds", "is required.");
        else if (request.UserIds.Count > TaskRules.MaxAssignees) v.Add("userIds", $"at most {TaskRules.MaxAssignees} people.");
        v.ThrowIfAny();
        var (access, card) = await TaskAccess.EditableCardAsync(viewer, id, gate, db, cancellationToken);
        var added = await TaskAssignees.SetAsync(access, card, request.UserIds!, gate, db, clock, cancellationToken);
        await events.AssignedAsync(card, added, viewer.Id, cancellationToken);
        await events.ChangedAsync(card.OrganizationId, card.SphereId, card.BoardId, id, viewer.Id, cancellationToken);
        return TypedResults.Ok(await TaskQueries.CardAsync(access, id, db, cancellationToken));
    }

    /// <summary>Cards assigned to the viewer, oldest first, in spheres they read right now (the gate's readable spheres as a subquery).</summary>
    internal static async Task<Ok<Page<MyTaskResponse>>> Mine(string? cursor, int? limit, Viewer viewer, AccessGate gate, EnclaveDb db, CancellationToken cancellationToken)
    {
        var me = viewer.Id;
        var readable = gate.ReadableSpheres(me).Select(s => s.Id);
        var query = from a in db.Set<TaskAssignee>().AsNoTracking()
                    join c in db.Set<TaskCard>() on a.CardId equals c.Id
                    join b in db.Set<TaskBoard>() on c.BoardId equals b.Id
                    join col in db.Set<TaskColumn>() on c.ColumnId equals col.Id
                    join s in db.Spheres on c.SphereId equals s.Id
                    where a.UserId == me && readable.Contains(c.SphereId)
                    select new { c.Id, c.SphereId, SphereName = s.Name, c.BoardId, BoardName = b.Name, c.ColumnId, ColumnName = col.Name, c.Title, c.Labels, c.DueAt };
        var page = await query.ToPageAsync(x => x.Id, cursor, limit,
            x => new MyTaskResponse(x.Id, x.SphereId, x.SphereName, x.BoardId, x.BoardName, x.ColumnId, x.ColumnName, x.Title, TaskRules.SplitLabels(x.Labels), x.DueAt), cancellationToken);
        return TypedResults.Ok(page);
    }

    internal static string Render(string markdown) => markdown.Length == 0 ? "" : MarkdownRenderer.Render(markdown, ResolvedMentions.None);

    private static ProblemException ColumnNotInBoard() =>
        ProblemException.Unprocessable("column_not_found", "The column is not on this board.", new Dictionary<string, string[]> { ["columnId"] = ["is not a column of this board."] });
}
