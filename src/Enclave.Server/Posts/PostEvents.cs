using System.Text.RegularExpressions;
using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Live;
using Enclave.Server.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Posts;

/// <summary>
/// What follows a change to a post or comment: a live event for the sphere's readers (only the
/// readers of a private post), and notifications for the people it addresses. Events carry ids
/// only; clients read the content through the API, which goes through the gate again.
/// </summary>
public sealed partial class PostEvents(EnclaveDb db, AccessGate gate, LivePublisher live, Notifier notifier)
{
    public async Task PostCreatedAsync(Post post, CancellationToken cancellationToken)
    {
        if (post.FeedKey is null) return; // Scheduled: announced when published.
        var audience = await AudienceAsync(post, cancellationToken);
        await live.SphereEventAsync("post.created", post.OrganizationId, post.SphereId,
            new { postId = post.Id, sphereId = post.SphereId, authorId = post.AuthorId, style = post.Style.ToString().ToLowerInvariant() }, audience, cancellationToken);
        if (audience is not null)
            await notifier.NotifyAsync(audience, NotificationKind.PrivatePost, post.AuthorId, post.OrganizationId, post.SphereId, post.Id, null, null, cancellationToken);
        await NotifyMentionsAsync(post, null, post.BodyHtml, post.AuthorId, audience, cancellationToken);
        await notifier.NudgeFollowersAsync(post.SphereId, post.Id, post.AuthorId, audience, cancellationToken);
    }

    public async Task PostChangedAsync(string type, Post post, CancellationToken cancellationToken) =>
        await live.SphereEventAsync(type, post.OrganizationId, post.SphereId, new { postId = post.Id, sphereId = post.SphereId }, await AudienceAsync(post, cancellationToken), cancellationToken);

    public async Task PostDeletedAsync(Post post, IReadOnlyCollection<Guid>? audience, CancellationToken cancellationToken) =>
        await live.SphereEventAsync("post.deleted", post.OrganizationId, post.SphereId, new { postId = post.Id, sphereId = post.SphereId }, audience, cancellationToken);

    public async Task CommentCreatedAsync(Post post, Comment comment, CancellationToken cancellationToken)
    {
        var audience = await AudienceAsync(post, cancellationToken);
        var waiting = comment.Status == CommentStatus.AwaitingApproval;
        await live.SphereEventAsync(waiting ? "comment.awaiting_approval" : "comment.created", post.OrganizationId, post.SphereId,
            new { commentId = comment.Id, postId = post.Id, sphereId = post.SphereId, authorId = comment.AuthorId }, audience, cancellationToken,
            staffOnly: waiting, alsoUser: waiting ? comment.AuthorId : null);
        if (waiting) return;
        await CommentPublishedAsync(post, comment, audience, cancellationToken);
    }

    /// <summary>A comment becomes public (at once, or when approved in a forum): the post's author and the people it mentions hear of it.</summary>
    public async Task CommentPublishedAsync(Post post, Comment comment, IReadOnlyCollection<Guid>? audience, CancellationToken cancellationToken)
    {
        await notifier.NotifyAsync([post.AuthorId], NotificationKind.Comment, comment.AuthorId, post.OrganizationId, post.SphereId, post.Id, comment.Id, null, cancellationToken);
        await NotifyMentionsAsync(post, comment.Id, comment.BodyHtml, comment.AuthorId, audience, cancellationToken);
    }

    public async Task CommentChangedAsync(string type, Post post, Guid commentId, CancellationToken cancellationToken) =>
        await live.SphereEventAsync(type, post.OrganizationId, post.SphereId, new { commentId, postId = post.Id, sphereId = post.SphereId },
            await AudienceAsync(post, cancellationToken), cancellationToken);

    public async Task ReactionChangedAsync(Post post, Guid targetId, CancellationToken cancellationToken) =>
        await live.SphereEventAsync("reaction.changed", post.OrganizationId, post.SphereId, new { targetId, postId = post.Id, sphereId = post.SphereId },
            await AudienceAsync(post, cancellationToken), cancellationToken);

    /// <summary>The readers of a private post (its recipients and author); null for a public post.</summary>
    public async Task<IReadOnlyCollection<Guid>?> AudienceAsync(Post post, CancellationToken cancellationToken)
    {
        if (!post.IsPrivate) return null;
        var recipients = await db.PostRecipients.AsNoTracking().Where(r => r.PostId == post.Id).Select(r => r.UserId).ToListAsync(cancellationToken);
        recipients.Add(post.AuthorId);
        return recipients;
    }

    /// <summary>People and groups mentioned, read from the links the renderer made (user input cannot carry data- attributes through the sanitizer).</summary>
    private async Task NotifyMentionsAsync(Post post, Guid? commentId, string html, Guid actorId, IReadOnlyCollection<Guid>? audience, CancellationToken cancellationToken)
    {
        var users = UserMention().Matches(html).Select(m => Guid.Parse(m.Groups[1].Value)).ToHashSet();
        var groups = GroupMention().Matches(html).Select(m => Guid.Parse(m.Groups[1].Value)).ToList();
        if (groups.Count > 0)
            users.UnionWith(await db.SphereGroupMembers.AsNoTracking().Where(m => groups.Contains(m.GroupId) && m.SphereId == post.SphereId)
                .Select(m => m.UserId).ToListAsync(cancellationToken));
        if (audience is not null) users.IntersectWith(audience);
        if (users.Count == 0) return;
        var readers = await gate.ReadersAmongAsync(post.SphereId, users.ToList(), cancellationToken);
        await notifier.NotifyAsync(readers.Keys, NotificationKind.Mention, actorId, post.OrganizationId, post.SphereId, post.Id, commentId, null, cancellationToken);
    }

    [GeneratedRegex("data-user-id=\"([0-9a-f-]{36})\"")]
    private static partial Regex UserMention();

    [GeneratedRegex("data-group-id=\"([0-9a-f-]{36})\"")]
    private static partial Regex GroupMention();
}
