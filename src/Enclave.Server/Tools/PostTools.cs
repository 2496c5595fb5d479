using Enclave.Server.Access;
using Enclave.Server.Posts;
using Enclave.Server.Web;

namespace Enclave.Server.Tools;

/// <summary>The registered <see cref="IPostTool"/>s: checks what a new post names, and builds the cards of a page of posts.</summary>
public sealed class PostTools(IEnumerable<IPostTool> tools)
{
    private readonly Dictionary<string, IPostTool> _byKind = tools.ToDictionary(t => t.Kind, StringComparer.Ordinal);

    public IReadOnlyCollection<string> Kinds => _byKind.Keys;

    /// <summary>The validated reference to store, or null when the post names no tool item. 400 for a malformed reference, 422 for an item not in this sphere.</summary>
    public async Task<(string Kind, Guid Id)?> RequireAttachableAsync(SphereAccess access, Guid authorId, ToolReference? tool, CancellationToken cancellationToken)
    {
        if (tool is null) return null;
        var v = new Validation();
        if (string.IsNullOrWhiteSpace(tool.Kind)) v.Add("tool.kind", "is required.");
        else if (!_byKind.ContainsKey(tool.Kind)) v.Add("tool.kind", $"must be one of: {string.Join(", ", _byKind.Keys.Order(StringComparer.Ordinal))}.");
        if (tool.Id is null || tool.Id == Guid.Empty) v.Add("tool.id", "is required.");
        v.ThrowIfAny();
        if (!await _byKind[tool.Kind!].CanAttachAsync(access, authorId, tool.Id!.Value, cancellationToken))
            throw ProblemException.Unprocessable("tool_item_not_found", "The item to share is not in this sphere.",
                new Dictionary<string, string[]> { ["tool.id"] = [$"no {tool.Kind} {tool.Id} you can share in this sphere."] });
        return (tool.Kind!, tool.Id!.Value);
    }

    /// <summary>The card of each post that carries a tool item still there; one call per kind present on the page.</summary>
    public async Task<IReadOnlyDictionary<Guid, ToolCard>> CardsAsync(IReadOnlyList<Post> posts, Viewer viewer, CancellationToken cancellationToken)
    {
        var result = new Dictionary<Guid, ToolCard>();
        foreach (var group in posts.Where(p => p.ToolKind is not null && p.ToolItemId is not null).GroupBy(p => p.ToolKind!))
        {
            if (!_byKind.TryGetValue(group.Key, out var tool)) continue;
            var cards = await tool.CardsAsync(viewer, group.Select(p => p.ToolItemId!.Value).Distinct().ToList(), cancellationToken);
            foreach (var post in group)
                if (cards.TryGetValue(post.ToolItemId!.Value, out var card)) result[post.Id] = card;
        }
        return result;
    }
}
