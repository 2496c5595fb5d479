using Enclave.Server.Notifications;
using Enclave.Server.Posts;
using Enclave.Server.Spheres;

namespace Enclave.Tests.Access.Watertightness;

/// <summary>
/// Conversations on top of a generated world: posts in most spheres (public, private with recipient
/// lists, scheduled, pinned, tagged, edited), comments (some awaiting approval in forums), reactions,
/// read markers and notifications. Authors, recipients and notified people are drawn from everyone who
/// ever held a row in the sphere, including holders of stale rows, so some of them have since lost access.
/// </summary>
public static class WorldGeneratorPosts
{
    private static readonly string[] TagPool = ["launch", "budget", "safety", "q4", "hiring", "retro"];

    public static void AddConversations(WorldModel w, Random rng)
    {
        var c = w.Conversations;
        var clock = DateTime.SpecifyKind(w.Now.AddDays(-30), DateTimeKind.Utc);
        // Feed keys are minted in increasing order, at distinct milliseconds, so every engine and .NET order them alike.
        Guid NextKey()
        {
            clock = clock.AddMilliseconds(1 + rng.Next(5));
            return Guid.CreateVersion7(new DateTimeOffset(clock));
        }

        foreach (var sphere in w.Spheres)
        {
            var pool = Pool(w, sphere, rng);
            if (pool.Count == 0) continue;
            for (var n = rng.Next(0, 7); n > 0; n--)
            {
                var author = pool[rng.Next(pool.Count)];
                var others = pool.Where(u => u != author).ToList();
                var isPrivate = others.Count > 0 && rng.NextDouble() < 0.3;
                var recipients = isPrivate ? others.OrderBy(_ => rng.Next()).Take(rng.Next(1, 4)).ToList() : [];
                var scheduled = rng.NextDouble() < 0.12;
                var feedKey = scheduled ? (Guid?)null : NextKey();
                var pinned = !scheduled && rng.NextDouble() < 0.12 ? w.Now.AddHours(-rng.Next(1, 500)) : (DateTime?)null;
                var tags = rng.NextDouble() < 0.4 ? TagPool.OrderBy(_ => rng.Next()).Take(rng.Next(1, 3)).ToList() : [];
                var post = new ModelPost(Guid.CreateVersion7(), sphere.Id, sphere.OrganizationId, author, isPrivate, recipients, feedKey,
                    scheduled ? w.Now.AddDays(rng.Next(1, 30)) : null, pinned, tags, rng.NextDouble() < 0.2 ? rng.Next(1, 3) : 0);
                c.Posts.Add(post);
                if (post.Published) AddComments(w, rng, sphere, post, isPrivate ? [author, .. recipients] : pool);
            }
        }
        AddReactions(w, rng);
        AddReadMarkers(w, rng);
        AddNotifications(w, rng);
    }

    /// <summary>Everyone who holds (or held) a row in the sphere, and a few implicit members of a global sphere.</summary>
    private static List<Guid> Pool(WorldModel w, ModelSphere sphere, Random rng)
    {
        var holders = w.SphereRows.Keys.Where(k => k.Sphere == sphere.Id).Select(k => k.User);
        var implicitMembers = sphere.Type == SphereType.Global
            ? w.OrganizationRoles.Where(kv => kv.Key.Organization == sphere.OrganizationId && kv.Value != Enclave.Server.Organizations.OrganizationRole.Visitor)
                .Select(kv => kv.Key.User).OrderBy(u => w.User(u).UserName, StringComparer.Ordinal).Where(_ => rng.NextDouble() < 0.3)
            : [];
        return holders.Concat(implicitMembers).Distinct().OrderBy(u => w.User(u).UserName, StringComparer.Ordinal).ToList();
    }

    private static void AddComments(WorldModel w, Random rng, ModelSphere sphere, ModelPost post, IReadOnlyList<Guid> writers)
    {
        if (rng.NextDouble() > 0.55) return;
        for (var n = rng.Next(1, 4); n > 0; n--)
        {
            var author = writers[rng.Next(writers.Count)];
            var staff = w.SphereRowOf(author, sphere.Id) is SphereRole.Administrator or SphereRole.Publisher;
            var waiting = sphere.Type == SphereType.Forum && !staff && rng.NextDouble() < 0.6;
            w.Conversations.Comments.Add(new ModelComment(Guid.CreateVersion7(), post.Id, sphere.Id, sphere.OrganizationId, author,
                waiting ? CommentStatus.AwaitingApproval : CommentStatus.Published));
        }
    }

    private static void AddReactions(WorldModel w, Random rng)
    {
        var c = w.Conversations;
        var kinds = Enum.GetValues<ReactionKind>();
        var taken = new HashSet<(Guid, Guid, ReactionKind)>();
        foreach (var post in c.Posts.Where(p => p.Published && rng.NextDouble() < 0.4).ToList())
        {
            var people = w.SphereRows.Keys.Where(k => k.Sphere == post.SphereId).Select(k => k.User).Append(post.AuthorId).ToList();
            var targets = c.CommentsOf(post.Id).Select(x => x.Id).Prepend(post.Id).ToList();
            for (var n = rng.Next(1, 4); n > 0; n--)
            {
                var (target, user, kind) = (targets[rng.Next(targets.Count)], people[rng.Next(people.Count)], kinds[rng.Next(kinds.Length)]);
                if (taken.Add((target, user, kind)))
                    c.Reactions.Add(new ModelReaction(Guid.CreateVersion7(), post.Id, post.SphereId, post.OrganizationId, target, user, kind));
            }
        }
    }

    private static void AddReadMarkers(WorldModel w, Random rng)
    {
        var c = w.Conversations;
        foreach (var sphere in w.Spheres)
        {
            var keys = c.PostsOf(sphere.Id).Where(p => p.Published).Select(p => p.FeedKey!.Value).ToList();
            if (keys.Count == 0) continue;
            foreach (var user in Pool(w, sphere, rng).Where(_ => rng.NextDouble() < 0.35))
                c.ReadMarkers.Add(new ModelReadMarker(sphere.Id, sphere.OrganizationId, user, keys[rng.Next(keys.Count)]));
        }
    }

    /// <summary>
    /// Mentions (of people in the sphere, people who left it, and strangers), private posts, comments
    /// on one's posts, and a few invitations (no sphere): the list must keep only what is still visible.
    /// </summary>
    private static void AddNotifications(WorldModel w, Random rng)
    {
        var c = w.Conversations;
        void Add(Guid user, NotificationKind kind, ModelPost? post, Guid? comment, Guid actor) =>
            c.Notifications.Add(new ModelNotification(Guid.CreateVersion7(), user, kind, post?.OrganizationId, post?.SphereId, post?.Id, comment, null, actor));
        foreach (var post in c.Posts.Where(p => p.Published).ToList())
        {
            var holders = w.SphereRows.Keys.Where(k => k.Sphere == post.SphereId && k.User != post.AuthorId).Select(k => k.User).ToList();
            if (rng.NextDouble() < 0.35)
                for (var n = rng.Next(1, 3); n > 0; n--)
                {
                    var user = holders.Count > 0 && rng.NextDouble() < 0.8 ? holders[rng.Next(holders.Count)] : w.Users[rng.Next(w.Users.Count)].Id;
                    if (user != post.AuthorId) Add(user, NotificationKind.Mention, post, null, post.AuthorId);
                }
            foreach (var recipient in post.Recipients) Add(recipient, NotificationKind.PrivatePost, post, null, post.AuthorId);
            foreach (var comment in c.CommentsOf(post.Id).Where(x => x.Status == CommentStatus.Published && x.AuthorId != post.AuthorId))
                if (rng.NextDouble() < 0.5) Add(post.AuthorId, NotificationKind.Comment, post, comment.Id, comment.AuthorId);
        }
        foreach (var invitation in w.Invitations.Where(i => i.InviteeUserId is not null && rng.NextDouble() < 0.3))
            c.Notifications.Add(new ModelNotification(Guid.CreateVersion7(), invitation.InviteeUserId!.Value, NotificationKind.Invitation, invitation.OrganizationId,
                null, null, null, invitation.Id, invitation.InvitedById));
    }
}
