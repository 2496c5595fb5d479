using Enclave.Server.Notifications;
using Enclave.Server.Posts;

namespace Enclave.Tests.Access.Watertightness;

/// <summary>
/// A post as seeded: <see cref="FeedKey"/> null while scheduled (<see cref="PublishAt"/> in the future);
/// <see cref="Recipients"/> only for private posts (chosen when it was written, some of whom may since have lost access).
/// </summary>
public sealed record ModelPost(Guid Id, Guid SphereId, Guid OrganizationId, Guid AuthorId, bool IsPrivate, IReadOnlyList<Guid> Recipients,
    Guid? FeedKey, DateTime? PublishAt, DateTime? PinnedAt, IReadOnlyList<string> Tags, int Revisions)
{
    public bool Published => FeedKey is not null;
}

public sealed record ModelComment(Guid Id, Guid PostId, Guid SphereId, Guid OrganizationId, Guid AuthorId, CommentStatus Status);

public sealed record ModelReaction(Guid Id, Guid PostId, Guid SphereId, Guid OrganizationId, Guid TargetId, Guid UserId, ReactionKind Kind);

public sealed record ModelReadMarker(Guid SphereId, Guid OrganizationId, Guid UserId, Guid ReadUpTo);

public sealed record ModelNotification(Guid Id, Guid UserId, NotificationKind Kind, Guid? OrganizationId, Guid? SphereId, Guid? PostId, Guid? CommentId,
    Guid? SubjectId, Guid? ActorId);

/// <summary>The conversations of a world: posts, comments, reactions, read markers, notifications, exactly as seeded.</summary>
public sealed class ConversationModel
{
    public List<ModelPost> Posts { get; } = [];
    public List<ModelComment> Comments { get; } = [];
    public List<ModelReaction> Reactions { get; } = [];
    public List<ModelReadMarker> ReadMarkers { get; } = [];
    public List<ModelNotification> Notifications { get; } = [];

    private Dictionary<Guid, ModelPost>? _posts;
    private Dictionary<Guid, ModelComment>? _comments;
    private ILookup<Guid, ModelPost>? _bySphere;
    private ILookup<Guid, ModelComment>? _byPost;

    public ModelPost Post(Guid id) => (_posts ??= Posts.ToDictionary(p => p.Id))[id];
    public IEnumerable<ModelPost> PostsOf(Guid sphereId) => (_bySphere ??= Posts.ToLookup(p => p.SphereId))[sphereId];
    public IEnumerable<ModelComment> CommentsOf(Guid postId) => (_byPost ??= Comments.ToLookup(c => c.PostId))[postId];

    /// <summary>A readable name for a post, comment or notification id; null for other ids.</summary>
    public string? Name(Guid id)
    {
        _comments ??= Comments.ToDictionary(c => c.Id);
        if ((_posts ??= Posts.ToDictionary(p => p.Id)).TryGetValue(id, out var p))
            return $"post {p.Id} ({(p.IsPrivate ? $"private to {p.Recipients.Count}" : "public")}{(p.Published ? "" : ", scheduled")}{(p.PinnedAt is null ? "" : ", pinned")})";
        if (_comments.TryGetValue(id, out var c)) return $"comment {c.Id} ({Probe.Snake(c.Status)}) on post {c.PostId}";
        if (Notifications.FirstOrDefault(n => n.Id == id) is { } n) return $"notification {n.Id} ({Probe.Snake(n.Kind)}, post {n.PostId?.ToString() ?? "-"})";
        return null;
    }
}
