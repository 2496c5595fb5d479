using System.Globalization;
using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Ui;
using Microsoft.AspNetCore.Mvc;

namespace Enclave.Server.Tools.Tasks.Pages;

/// <summary>The card page's form actions: edit, assignees, checklist, comments. Each goes back to the card's page.</summary>
public static class TaskCardActions
{
    public static void MapCardActions(RouteGroupBuilder ui)
    {
        ui.MapPost("/cards/{id:guid}", Edit);
        ui.MapPost("/cards/{id:guid}/assignees", Assign);
        ui.MapPost("/cards/{id:guid}/checklist", AddItem);
        ui.MapPost("/checklist-items/{id:guid}/toggle", ToggleItem);
        ui.MapPost("/checklist-items/{id:guid}/delete", DeleteItem);
        ui.MapPost("/cards/{id:guid}/comments", Comment);
        ui.MapPost("/task-comments/{id:guid}/delete", DeleteComment);
    }

    /// <summary>The due date comes as the viewer's local date and time (<c>datetime-local</c>), turned into UTC with their zone.</summary>
    private static async Task<IResult> Edit(Guid id, [FromForm] string? title, [FromForm] string? description, [FromForm] string? due, [FromForm] string? labels, [FromForm] string? returnUrl,
        Viewer viewer, AccessGate gate, EnclaveDb db, TaskEvents events, TimeProvider clock, UiRequest uiRequest, HttpContext http, CancellationToken cancellationToken)
    {
        DateTimeOffset? dueAt = null;
        if (!string.IsNullOrWhiteSpace(due))
        {
            if (!DateTime.TryParse(due, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
                Web.Validation.Field("dueAt", "is not a date and time.");
            dueAt = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), uiRequest.TimeZone), TimeSpan.Zero);
        }
        var labelList = (labels ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        await CardEndpoints.Update(id, new UpdateCardRequest(title, description ?? "", dueAt, dueAt is null, labelList), viewer, gate, db, events, clock, cancellationToken);
        return UiActions.Back(http, returnUrl);
    }

    private static async Task<IResult> Assign(Guid id, [FromForm] Guid[]? userIds, [FromForm] string? returnUrl, Viewer viewer, AccessGate gate, EnclaveDb db, TaskEvents events, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        await CardEndpoints.SetAssignees(id, new AssigneesRequest(userIds ?? []), viewer, gate, db, events, clock, cancellationToken);
        return UiActions.Back(http, returnUrl);
    }

    private static async Task<IResult> AddItem(Guid id, [FromForm] string? text, [FromForm] string? returnUrl, Viewer viewer, AccessGate gate, EnclaveDb db, TaskEvents events, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        await CardDetailEndpoints.AddItem(id, new ChecklistRequest(text, false), viewer, gate, db, events, clock, cancellationToken);
        return UiActions.Back(http, returnUrl);
    }

    private static async Task<IResult> ToggleItem(Guid id, [FromForm] bool done, [FromForm] string? returnUrl, Viewer viewer, AccessGate gate, EnclaveDb db, TaskEvents events, HttpContext http, CancellationToken cancellationToken)
    {
        await CardDetailEndpoints.UpdateItem(id, new ChecklistRequest(null, done), viewer, gate, db, events, cancellationToken);
        return UiActions.Back(http, returnUrl);
    }

    private static async Task<IResult> DeleteItem(Guid id, [FromForm] string? returnUrl, Viewer viewer, AccessGate gate, EnclaveDb db, TaskEvents events, HttpContext http, CancellationToken cancellationToken)
    {
        await CardDetailEndpoints.DeleteItem(id, viewer, gate, db, events, cancellationToken);
        return UiActions.Back(http, returnUrl);
    }

    private static async Task<IResult> Comment(Guid id, [FromForm] string? body, [FromForm] string? returnUrl, Viewer viewer, AccessGate gate, EnclaveDb db, TaskEvents events, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        await CardDetailEndpoints.Comment(id, new TaskCommentRequest(body), viewer, gate, db, events, clock, cancellationToken);
        return UiActions.Back(http, returnUrl);
    }

    private static async Task<IResult> DeleteComment(Guid id, [FromForm] string? returnUrl, Viewer viewer, AccessGate gate, EnclaveDb db, TaskEvents events, HttpContext http, CancellationToken cancellationToken)
    {
        await CardDetailEndpoints.DeleteComment(id, viewer, gate, db, events, cancellationToken);
        return UiActions.Back(http, returnUrl);
    }
}
