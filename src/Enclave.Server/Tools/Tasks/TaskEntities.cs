namespace Enclave.Server.Tools.Tasks;

/// <summary>A kanban board of one sphere. <see cref="Revision"/> grows with every change of its layout:
/// moves take it as a per-board lock (a conditional update), so concurrent moves are serialized by the database.</summary>
public sealed class TaskBoard
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid SphereId { get; set; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    /// <summary>Null once the creator's account is erased: the board belongs to the sphere.</summary>
    public Guid? CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }
    public long Revision { get; set; }
}

/// <summary>A column of a board; <see cref="Position"/> is dense (0..n-1) and unique per board.</summary>
public sealed class TaskColumn
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid SphereId { get; set; }
    public Guid BoardId { get; set; }
    public required string Name { get; set; }
    public int Position { get; set; }
}

/// <summary>A card; <see cref="Position"/> is dense (0..n-1) and unique per column, rewritten under the board's lock.</summary>
public sealed class TaskCard
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid SphereId { get; set; }
    public Guid BoardId { get; set; }
    public Guid ColumnId { get; set; }
    public int Position { get; set; }
    public required string Title { get; set; }
    public string Description { get; set; } = "";
    public string DescriptionHtml { get; set; } = "";
    /// <summary>Labels, normalized, joined with commas (a label has none): one column keeps the board's read at one query.</summary>
    public string Labels { get; set; } = "";
    public DateTime? DueAt { get; set; }
    /// <summary>When the due-soon reminder went out for the current <see cref="DueAt"/>; reset when the due date changes.
    /// The reminder schedule is this column, so it survives restarts.</summary>
    public DateTime? DueReminderSentAt { get; set; }
    public Guid? CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>A person assigned to a card: a member of the card's sphere when assigned.</summary>
public sealed class TaskAssignee
{
    public Guid CardId { get; set; }
    public Guid UserId { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid SphereId { get; set; }
    public DateTime AssignedAt { get; set; }
}

public sealed class TaskChecklistItem
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid SphereId { get; set; }
    public Guid CardId { get; set; }
    public required string Text { get; set; }
    public bool Done { get; set; }
    public Guid? CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }
}

public sealed class TaskComment
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid SphereId { get; set; }
    public Guid CardId { get; set; }
    public Guid AuthorId { get; set; }
    public required string Body { get; set; }
    public required string BodyHtml { get; set; }
    public DateTime CreatedAt { get; set; }
}
