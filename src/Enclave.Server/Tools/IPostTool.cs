using Enclave.Server.Access;

namespace Enclave.Server.Tools;

/// <summary>
/// One tool whose items a post can carry into the feed. Each tool registers one with
/// <see cref="ToolsServiceCollectionExtensions.AddPostTool{T}"/>; posts store only the kind and the id.
/// </summary>
public interface IPostTool
{
    /// <summary>The stable kind word stored on posts and used in the API (<c>poll</c>, <c>event</c>...).</summary>
    string Kind { get; }

    /// <summary>Whether this item exists in the sphere of <paramref name="access"/> and the author may share it there.</summary>
    Task<bool> CanAttachAsync(SphereAccess access, Guid authorId, Guid itemId, CancellationToken cancellationToken);

    /// <summary>
    /// Cards for the items of posts the viewer already sees, in one query for the whole page (no
    /// query per post). An item gone (deleted, trashed) is simply left out: the post shows without it.
    /// </summary>
    Task<IReadOnlyDictionary<Guid, ToolCard>> CardsAsync(Viewer viewer, IReadOnlyCollection<Guid> itemIds, CancellationToken cancellationToken);
}
