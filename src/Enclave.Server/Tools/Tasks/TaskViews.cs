using Enclave.Server.Accounts;

namespace Enclave.Server.Tools.Tasks;

/// <summary>What the viewer may do on a board: manage it (board and columns: the sphere's publishers) and work with its cards (members, visitors included).</summary>
public sealed record BoardPermissions(bool CanManage, bool CanEditCards);

public sealed record BoardSummary(Guid Id, Guid SphereId, string Name, string Description, int CardCount, DateTime CreatedAt);

public sealed record BoardResponse(Guid Id, Guid OrganizationId, Guid SphereId, string SphereName, string Name, string Description, long Revision,
    IReadOnlyList<ColumnResponse> Columns, BoardPermissions Permissions, DateTime CreatedAt);

public sealed record ColumnResponse(Guid Id, string Name, int Position, IReadOnlyList<CardSummary> Cards);

public sealed record CardSummary(Guid Id, Guid ColumnId, int Position, string Title, IReadOnlyList<string> Labels, DateTime? DueAt,
    IReadOnlyList<UserSummary> Assignees, int ChecklistDone, int ChecklistTotal, int CommentCount);

public sealed record ChecklistItemResponse(Guid Id, string Text, bool Done);

public sealed record CardResponse(Guid Id, Guid OrganizationId, Guid SphereId, string SphereName, Guid BoardId, string BoardName,
    Guid ColumnId, string ColumnName, int Position, string Title, string Description, string DescriptionHtml, IReadOnlyList<string> Labels,
    DateTime? DueAt, IReadOnlyList<UserSummary> Assignees, IReadOnlyList<ChecklistItemResponse> Checklist, int CommentCount,
    UserSummary? CreatedBy, DateTime CreatedAt, DateTime UpdatedAt, BoardPermissions Permissions,
    IReadOnlyList<ColumnChoice> Columns);

/// <summary>The board's columns in order, for moving a card from its page.</summary>
public sealed record ColumnChoice(Guid Id, string Name);

public sealed record TaskCommentResponse(Guid Id, Guid CardId, UserSummary Author, string Body, string BodyHtml, DateTime CreatedAt, bool CanDelete);

public sealed record MyTaskResponse(Guid Id, Guid SphereId, string SphereName, Guid BoardId, string BoardName, Guid ColumnId, string ColumnName,
    string Title, IReadOnlyList<string> Labels, DateTime? DueAt);

public sealed record CreateBoardRequest(string? Name, string? Description, IReadOnlyList<string?>? Columns);
public sealed record UpdateBoardRequest(string? Name, string? Description);
public sealed record ColumnRequest(string? Name, int? Position);
public sealed record CreateCardRequest(Guid? ColumnId, string? Title, string? Description, DateTimeOffset? DueAt, IReadOnlyList<string?>? Labels, IReadOnlyList<Guid>? AssigneeIds);
/// <summary>Only the fields given change; <c>clearDueAt</c> removes the due date.</summary>
public sealed record UpdateCardRequest(string? Title, string? Description, DateTimeOffset? DueAt, bool? ClearDueAt, IReadOnlyList<string?>? Labels);
public sealed record MoveCardRequest(Guid? ColumnId, int? Position);
public sealed record AssigneesRequest(IReadOnlyList<Guid>? UserIds);
public sealed record ChecklistRequest(string? Text, bool? Done);
public sealed record TaskCommentRequest(string? Body);
