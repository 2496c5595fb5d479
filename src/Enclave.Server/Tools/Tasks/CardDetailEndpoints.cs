using Enclave.Server.Access;
using Enclave.Server.Accounts;
using Enclave.Server.Data;
using Enclave.Server.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Tools.Tasks;

/// <summary>A card's checklist and comments.</summary>
public static class CardDetailEndpoints
{
    public static void MapCardDetails(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("").WithTags("Tasks");
        group.MapPost("/cards/{id:guid}/checklist", AddItem).WithSummary("Adds a checklist item to a card.");
        group.MapPatch("/checklist-items/{id:guid}", UpdateItem).WithSummary("Renames a checklist item or ticks it.");
        group.MapDelete("/checklist-items/{id:guid}", DeleteItem).WithSummary("Removes a checklist item.");
        group.MapGet("/cards/{id:guid}/comments", Comments).WithSummary("A card's comments, oldest first.");
        group.MapPost("/cards/{id:guid}/comments", Comment).WithSummary("Comments on a card (Markdown).");
        group.MapDelete("/task-comments/{id:guid}", DeleteComment).WithSummary("Deletes a comment (its author or the sphere's staff).");
    }

    internal static async Task<Created<ChecklistItemResponse>> AddItem(Guid id, ChecklistRequest request, Viewer viewer, AccessGate gate, EnclaveDb db, TaskEvents events, TimeProvider clock, CancellationToken cancellationToken)
    {
        new Validation().Text("text", request.Text, 1, TaskRules.MaxChecklistText).ThrowIfAny();
        var (_, card) = await TaskAccess.EditableCardAsync(viewer, id, gate, db, cancellationToken);
        if (await db.Set<TaskChecklistItem>().CountAsync(i => i.CardId == id, cancellationToken) >= TaskRules.MaxChecklistItems)
            throw ProblemException.Conflict("checklist_full", $"A card has at most {TaskRules.MaxChecklistItems} checklist items.");
        var item = new TaskChecklistItem
        {
            Id = Ids.New(), OrganizationId = card.OrganizationId, SphereId = card.SphereId, CardId = id, Text = request.Text!.Trim(),
            Done = request.Done == true, CreatedById = viewer.Id, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Set<TaskChecklistItem>().Add(item);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        await events.ChangedAsync(card.OrganizationId, card.SphereId, card.BoardId, id, viewer.Id, cancellationToken);
        return TypedResults.Created($"/api/v1/checklist-items/{item.Id}", new ChecklistItemResponse(item.Id, item.Text, item.Done));
    }

    internal static async Task<Ok<ChecklistItemResponse>> UpdateItem(Guid id, ChecklistRequest request, Viewer viewer, AccessGate gate, EnclaveDb db, TaskEvents events, CancellationToken cancellationToken)
    {
        if (request.Text is not null) new Validation().Text("text", request.Text, 1, TaskRules.MaxChecklistText).ThrowIfAny();
        var (item, card) = await ItemAsync(id, viewer, gate, db, cancellationToken);
        item.Text = request.Text?.Trim() ?? item.Text;
        item.Done = request.Done ?? item.Done;
        await db.Set<TaskChecklistItem>().Where(i => i.Id == id).ExecuteUpdateAsync(s => s.SetProperty(i => i.Text, item.Text).SetProperty(i => i.Done, item.Done), cancellationToken);
        await events.ChangedAsync(card.OrganizationId, card.SphereId, card.BoardId, card.Id, viewer.Id, cancellationToken);
        return TypedResults.Ok(new ChecklistItemResponse(item.Id, item.Text, item.Done));
    }

    internal static async Task<NoContent> DeleteItem(Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, TaskEvents events, CancellationToken cancellationToken)
    {
        var (_, card) = await ItemAsync(id, viewer, gate, db, cancellationToken);
        await db.Set<TaskChecklistItem>().Where(i => i.Id == id).ExecuteDeleteAsync(cancellationToken);
        await events.ChangedAsync(card.OrganizationId, card.SphereId, card.BoardId, card.Id, viewer.Id, cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<Ok<Page<TaskCommentResponse>>> Comments(Guid id, string? cursor, int? limit, Viewer viewer, AccessGate gate, EnclaveDb db, CancellationToken cancellationToken)
    {
        var (access, _) = await TaskAccess.CardAsync(viewer, id, gate, db, cancellationToken);
        var page = await db.Set<TaskComment>().AsNoTracking().Where(c => c.CardId == id)
            .Join(db.Users.AsNoTracking(), c => c.AuthorId, u => u.Id, (c, u) => new { Comment = c, Author = u })
            .ToPageAsync(x => x.Comment.Id, cursor, limit, x => View(x.Comment, x.Author, viewer, access), cancellationToken);
        return TypedResults.Ok(page);
    }

    internal static async Task<Created<TaskCommentResponse>> Comment(Guid id, TaskCommentRequest request, Viewer viewer, AccessGate gate, EnclaveDb db, TaskEvents events, TimeProvider clock, CancellationToken cancellationToken)
    {
        new Validation().Text("body", request.Body, 1, TaskRules.MaxComment).ThrowIfAny();
        var (access, card) = await TaskAccess.CardAsync(viewer, id, gate, db, cancellationToken);
        if (!access.CanComment) throw ProblemException.Forbidden("cannot_comment", "Only the sphere's members comment.");
        await Moderation.Mutes.ThrowIfMutedAsync(db, clock, card.SphereId, viewer.Id, cancellationToken);
        var body = request.Body!.Trim();
        var comment = new TaskComment
        {
            Id = Ids.New(), OrganizationId = card.OrganizationId, SphereId = card.SphereId, CardId = id, AuthorId = viewer.Id,
            Body = body, BodyHtml = CardEndpoints.Render(body), CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Set<TaskComment>().Add(comment);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        await events.ChangedAsync(card.OrganizationId, card.SphereId, card.BoardId, id, viewer.Id, cancellationToken);
        var author = await db.Users.AsNoTracking().FirstAsync(u => u.Id == viewer.Id, cancellationToken);
        return TypedResults.Created($"/api/v1/task-comments/{comment.Id}", View(comment, author, viewer, access));
    }

    internal static async Task<NoContent> DeleteComment(Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, TaskEvents events, CancellationToken cancellationToken)
    {
        var comment = await db.Set<TaskComment>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken) ?? throw ProblemException.NotFound("comment");
        var access = await gate.ToolSphereAsync(viewer, comment.SphereId, "comment", cancellationToken);
        if (comment.AuthorId != viewer.UserId && !access.ActsAsStaff) throw ProblemException.Forbidden("cannot_delete", "Only the author and the sphere's staff can delete a comment.");
        var card = await db.Set<TaskCard>().AsNoTracking().FirstAsync(c => c.Id == comment.CardId, cancellationToken);
        await db.Set<TaskComment>().Where(c => c.Id == id).ExecuteDeleteAsync(cancellationToken);
        await events.ChangedAsync(card.OrganizationId, card.SphereId, card.BoardId, card.Id, viewer.Id, cancellationToken);
        return TypedResults.NoContent();
    }

    private static TaskCommentResponse View(TaskComment c, User author, Viewer viewer, SphereAccess access) =>
        new(c.Id, c.CardId, UserSummary.From(author), c.Body, c.BodyHtml, c.CreatedAt, c.AuthorId == viewer.UserId || access.ActsAsStaff);

    private static async Task<(TaskChecklistItem Item, TaskCard Card)> ItemAsync(Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, CancellationToken cancellationToken)
    {
        var item = await db.Set<TaskChecklistItem>().AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, cancellationToken) ?? throw ProblemException.NotFound("checklist item");
        var access = await gate.ToolSphereAsync(viewer, item.SphereId, "checklist item", cancellationToken);
        TaskAccess.RequireCardWork(access);
        var card = await db.Set<TaskCard>().AsNoTracking().FirstAsync(c => c.Id == item.CardId, cancellationToken);
        return (item, card);
    }
}
