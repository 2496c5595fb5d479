namespace Enclave.Server.Tools;

/// <summary>A tool item named by a post: its kind (<c>poll</c>, <c>event</c>, <c>document</c>, <c>task</c>, <c>ad</c>...) and id.</summary>
public sealed record ToolReference(string? Kind, Guid? Id);

/// <summary>
/// How a tool item shows inside a post of the feed: a title, a one-line summary and where to open
/// it. Built only for posts the viewer already sees, and the item lives in the post's sphere, so
/// the card reveals nothing the sphere does not.
/// </summary>
/// <param name="Status">A short state word the web page shows as a chip (open, closed, cancelled...).</param>
/// <param name="Data">Tool-specific detail for clients that render richer cards (a poll's options, an event's times); null when there is none.</param>
public sealed record ToolCard(string Kind, Guid Id, string Title, string? Summary, string Url, string? Status = null,
    System.Text.Json.Nodes.JsonObject? Data = null);
