using Enclave.Server.Posts;
using Enclave.Server.Spheres;

namespace Enclave.Tests.Access.Watertightness;

/// <summary>What a viewer should see of a sphere's conversations, derived from the design's rules (not from the gate).</summary>
public sealed partial class Oracle
{
    private ConversationModel C => w.Conversations;

    /// <summary>Reads the sphere as one of its members: a role, and every applicable charter accepted. Feeds, unread counts, notifications and live events go by this.</summary>
    public bool ReadsAsMember(Guid? v, ModelSphere s)
    {
        var t = Sphere(v, s);
        return t.Role is not null && !t.CharterPending;
    }

    /// <summary>Staff powers over content (the approval queue, comments awaiting approval) need the charters accepted, like every other right.</summary>
    public bool ActsAsStaff(Guid? v, ModelSphere s) => ReadsAsMember(v, s) && IsStaff(SphereRoleOf(v, s));

    private static bool Addressed(Guid? v, ModelPost p) => !p.IsPrivate || (v is { } u && (u == p.AuthorId || p.Recipients.Contains(u)));

    /// <summary>A post is visible iff its sphere is readable, it is published (or the viewer wrote it), and it is public or addressed to the viewer.</summary>
    public bool PostVisible(Guid? v, ModelPost p) =>
        Sphere(v, w.Sphere(p.SphereId)).CanRead && (p.Published || (v is { } u && u == p.AuthorId)) && Addressed(v, p);

    /// <summary>What feeds list: visible and published (a scheduled post reaches the feed when it is published, even for its author).</summary>
    public bool InFeed(Guid? v, ModelPost p) => p.Published && PostVisible(v, p);

    public bool CommentVisible(Guid? v, ModelComment c) =>
        PostVisible(v, C.Post(c.PostId)) &&
        (c.Status == CommentStatus.Published || (v is { } u && u == c.AuthorId) || ActsAsStaff(v, w.Sphere(c.SphereId)));

    public HashSet<Guid> Comments(Guid? v, ModelPost p) => C.CommentsOf(p.Id).Where(c => CommentVisible(v, c)).Select(c => c.Id).ToHashSet();

    public HashSet<Guid> SphereFeed(Guid? v, ModelSphere s) => C.PostsOf(s.Id).Where(p => InFeed(v, p)).Select(p => p.Id).ToHashSet();

    public HashSet<Guid> PinnedInFeed(Guid? v, ModelSphere s) => C.PostsOf(s.Id).Where(p => p.PinnedAt is not null && InFeed(v, p)).Select(p => p.Id).ToHashSet();

    public Dictionary<string, int> Tags(Guid? v, ModelSphere s) =>
        C.PostsOf(s.Id).Where(p => InFeed(v, p)).SelectMany(p => p.Tags).GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>The spheres whose news reach the viewer: those they read as a member (not public spheres they merely can open).</summary>
    public List<ModelSphere> MemberReadSpheres(Guid v) => w.Spheres.Where(s => ReadsAsMember(v, s)).ToList();

    public HashSet<Guid> HomeFeed(Guid v) => MemberReadSpheres(v).SelectMany(s => C.PostsOf(s.Id)).Where(p => InFeed(v, p)).Select(p => p.Id).ToHashSet();

    /// <summary>Unread per member-read sphere: posts in the feed, by others, after the viewer's read marker; capped at 99 with a "more" flag.</summary>
    public Dictionary<Guid, int> Unread(Guid v)
    {
        var markers = C.ReadMarkers.Where(m => m.UserId == v).ToDictionary(m => m.SphereId, m => m.ReadUpTo);
        return MemberReadSpheres(v).ToDictionary(s => s.Id, s => C.PostsOf(s.Id).Count(p =>
            InFeed(v, p) && p.AuthorId != v && (!markers.TryGetValue(s.Id, out var marker) || p.FeedKey!.Value.CompareTo(marker) > 0)));
    }

    /// <summary>A notification stays listed while its sphere is read as a member and its post is still in the viewer's feed.</summary>
    public bool NotificationVisible(Guid v, ModelNotification n) =>
        n.UserId == v &&
        (n.SphereId is not { } s || ReadsAsMember(v, w.Sphere(s))) &&
        (n.PostId is not { } p || InFeed(v, C.Post(p)));

    public HashSet<Guid> Notifications(Guid v) => C.Notifications.Where(n => NotificationVisible(v, n)).Select(n => n.Id).ToHashSet();

    /// <summary>The forum approval queue: 404 unless the sphere is visible and readable, 403 unless the viewer acts as staff.</summary>
    public int AwaitingApprovalStatus(Guid? v, ModelSphere s)
    {
        var t = Sphere(v, s);
        return !t.Visible || !t.CanRead ? 404 : ActsAsStaff(v, s) ? 200 : 403;
    }

    /// <summary>The queue's content: comments awaiting approval in the sphere, on posts the viewer sees (a private post's queue is for its readers).</summary>
    public HashSet<Guid> AwaitingApproval(Guid? v, ModelSphere s) =>
        C.Comments.Where(c => c.SphereId == s.Id && c.Status == CommentStatus.AwaitingApproval && CommentVisible(v, c)).Select(c => c.Id).ToHashSet();

    public bool IsStaffRole(Guid? v, ModelSphere s) => IsStaff(SphereRoleOf(v, s));
}
