using System.Threading.Channels;
using Enclave.Server.Notifications;
using Enclave.Server.Posts;
using Enclave.Server.Posts.Attachments;
using Enclave.Server.Spheres;

namespace Enclave.Server.Seeding;

/// <summary>
/// The posts, in publication order over the timeline (so each FeedKey, a UUIDv7 of the
/// publication time, is larger than the previous one), each in a sphere drawn by activity
/// (members^0.8: the big global sphere is the busiest). With them: tags, private recipients,
/// mentions of members rendered as the app renders them, attachments' metadata, comments (and the
/// post's CommentCount), reactions, and the notifications the app writes for mentions, private
/// posts and comments.
/// </summary>
public sealed class PostGenerator(WorldPlan plan, BulkSink sink)
{
    public const int ChunkSize = 2_000;
    private static readonly ReactionKind[] Kinds = [ReactionKind.Like, ReactionKind.Like, ReactionKind.Like, ReactionKind.Like, ReactionKind.Love,
        ReactionKind.Thanks, ReactionKind.Laugh, ReactionKind.Wow, ReactionKind.Sad];
    private static readonly PostStyle[] Styles = [.. Enumerable.Repeat(PostStyle.Information, 16), PostStyle.Question, PostStyle.Question, PostStyle.Problem,
        PostStyle.Important, PostStyle.Idea];

    private readonly SeedRandom _rng = SeedRandom.For(plan.Options.Seed, 5);
    private readonly double _spacingMs = Math.Max(2, SeedOptions.TimelineDays * 86_400_000.0 / Math.Max(1, plan.Options.Posts));
    private long _commentsLeft = plan.Options.Comments;
    private long _postsLeft = plan.Options.Posts;

    /// <summary>
    /// Generation and writing overlap: one task makes chunks, this one writes them, with at most
    /// two chunks waiting in between (bounded memory). There is a single producer, so the world
    /// stays deterministic.
    /// </summary>
    public async Task WriteAsync(CancellationToken cancellationToken)
    {
        var spheres = plan.Spheres.Where(s => s.Posters.Count > 0).ToList();
        if (spheres.Count == 0) return;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var chunks = Channel.CreateBounded<PostChunk>(2);
        var producer = Task.Run(async () =>
        {
            try
            {
                await GenerateAsync(spheres, chunks.Writer, stop.Token);
                chunks.Writer.Complete();
            }
            catch (Exception e)
            {
                chunks.Writer.Complete(e);
            }
        }, CancellationToken.None);
        try
        {
            await foreach (var chunk in chunks.Reader.ReadAllAsync(cancellationToken)) await chunk.WriteAsync(sink, cancellationToken);
        }
        finally
        {
            await stop.CancelAsync();
            await producer;
        }
    }

    private async Task GenerateAsync(List<SpherePlan> spheres, ChannelWriter<PostChunk> output, CancellationToken cancellationToken)
    {
        var weights = WorldPlan.Cumulative(spheres.Select(s => Math.Pow(s.Readers.Count, 0.8)).ToArray());
        var markerAt = (int)(plan.Options.Posts * 0.9);
        var chunk = new PostChunk();
        for (var i = 0; i < plan.Options.Posts; i++)
        {
            var sphere = spheres[WorldPlan.Sample(weights, _rng)];
            var at = SeedOptions.Start.AddMilliseconds(Math.Floor(i * _spacingMs) + _rng.Next((int)(_spacingMs / 2)));
            var feedKey = Post(chunk, sphere, at);
            if (i < markerAt) sphere.ReadMarkerKey = feedKey;
            if (chunk.Posts.Count < ChunkSize) continue;
            await output.WriteAsync(chunk, cancellationToken);
            chunk = new PostChunk();
        }
        if (chunk.Posts.Count > 0) await output.WriteAsync(chunk, cancellationToken);
    }

    private Guid Post(PostChunk chunk, SpherePlan sphere, DateTime at)
    {
        var orgId = plan.Orgs[sphere.Org].Id;
        var author = _rng.Pick(sphere.Posters);
        var readers = sphere.Readers;
        var isPrivate = readers.Count > 2 && _rng.Chance(0.03);
        var recipients = isPrivate ? Others(readers, author, _rng.Next(1, 5)) : [];
        var mentionable = isPrivate ? recipients : readers;
        var mentioned = _rng.Chance(0.12) ? Others(mentionable, author, _rng.Next(1, 3)) : [];
        var tags = _rng.Chance(0.3) ? Enumerable.Range(0, _rng.Next(1, 4)).Select(_ => _rng.Pick(SeedWords.Tags)).Distinct().ToList() : [];
        var body = SeedText.Post(_rng, plan.French[author], mentioned.Select(m => (SeedOptions.UserName(m), plan.UserIds[m])).ToList(), tags);
        var post = new Post
        {
            Id = _rng.Id(at), OrganizationId = orgId, SphereId = sphere.Id, AuthorId = plan.UserIds[author], Body = body.Markdown,
            BodyHtml = body.Html, Style = _rng.Pick(Styles), IsPrivate = isPrivate, FeedKey = _rng.Id(at),
            CreatedAt = at, PublishedAt = at,
        };
        chunk.Posts.Add(post);
        foreach (var r in recipients)
        {
            chunk.Recipients.Add(new PostRecipient { Id = _rng.Id(at), OrganizationId = orgId, SphereId = sphere.Id, PostId = post.Id, UserId = plan.UserIds[r] });
            Notify(chunk, r, NotificationKind.PrivatePost, author, sphere, post.Id, null, at);
        }
        foreach (var m in mentioned) Notify(chunk, m, NotificationKind.Mention, author, sphere, post.Id, null, at);
        foreach (var tag in tags)
            chunk.Tags.Add(new PostTag { Id = _rng.Id(at), OrganizationId = orgId, SphereId = sphere.Id, PostId = post.Id, Tag = tag });
        if (_rng.Chance(0.03)) Attach(chunk, post, at);
        React(chunk, post, post.Id, isPrivate ? [.. recipients, author] : readers, author, _rng.Geometric(2), at);
        Comments(chunk, sphere, post, author, isPrivate ? [.. recipients, author] : readers, at);
        return post.FeedKey!.Value;
    }

    private void Comments(PostChunk chunk, SpherePlan sphere, Post post, int postAuthor, IReadOnlyList<int> audience, DateTime at)
    {
        // The mean follows what is left to write, so the total lands on --comments (the last post takes the remainder).
        var count = (int)Math.Min(_commentsLeft, _postsLeft == 1 ? _commentsLeft : _rng.Geometric((double)_commentsLeft / _postsLeft));
        _postsLeft--;
        _commentsLeft -= count;
        var time = at;
        for (var c = 0; c < count; c++)
        {
            time = time.AddSeconds(30 + _rng.Next(3 * 3600));
            var author = _rng.Pick(audience);
            var waiting = sphere.Type == SphereType.Forum && !sphere.Staff.Contains(author) && _rng.Chance(0.1);
            var body = SeedText.Comment(_rng, plan.French[author]);
            var comment = new Comment
            {
                Id = _rng.Id(time), OrganizationId = post.OrganizationId, SphereId = sphere.Id, PostId = post.Id, AuthorId = plan.UserIds[author],
                Body = body.Markdown, BodyHtml = body.Html,
                Status = waiting ? CommentStatus.AwaitingApproval : CommentStatus.Published, CreatedAt = time,
            };
            chunk.Comments.Add(comment);
            if (waiting) continue;
            post.CommentCount++;
            if (author != postAuthor) Notify(chunk, postAuthor, NotificationKind.Comment, author, sphere, post.Id, comment.Id, time);
            if (_rng.Chance(0.1)) React(chunk, post, comment.Id, audience, author, 1, time);
        }
    }

    private void React(PostChunk chunk, Post post, Guid target, IReadOnlyList<int> audience, int author, int count, DateTime at)
    {
        foreach (var user in Others(audience, author, count))
        {
            var when = at.AddMinutes(1 + _rng.Next(600));
            chunk.Reactions.Add(new Reaction
            {
                Id = _rng.Id(when), OrganizationId = post.OrganizationId, SphereId = post.SphereId, PostId = post.Id, TargetId = target,
                UserId = plan.UserIds[user], Kind = _rng.Pick(Kinds), CreatedAt = when,
            });
        }
    }

    private void Attach(PostChunk chunk, Post post, DateTime at)
    {
        var files = _rng.Chance(0.2) ? 2 : 1;
        for (var f = 0; f < files; f++)
        {
            var (name, type) = _rng.Pick(SeedWords.Files);
            chunk.Attachments.Add(new Attachment
            {
                Id = _rng.Id(at.AddMinutes(-1)), OrganizationId = post.OrganizationId, SphereId = post.SphereId, UploaderId = post.AuthorId, PostId = post.Id,
                FileName = name, ContentType = type, Size = 10_000 + _rng.Next(5_000_000), BlobKey = _rng.Hex(16), CreatedAt = at.AddMinutes(-1), AttachedAt = at,
            });
        }
    }

    private void Notify(PostChunk chunk, int user, NotificationKind kind, int actor, SpherePlan sphere, Guid postId, Guid? commentId, DateTime at)
    {
        var read = at < SeedOptions.Start.AddDays(SeedOptions.TimelineDays * 0.95) && _rng.Chance(0.7);
        chunk.Notifications.Add(new Notification
        {
            Id = _rng.Id(at), UserId = plan.UserIds[user], OrganizationId = plan.Orgs[sphere.Org].Id, SphereId = sphere.Id, PostId = postId,
            CommentId = commentId, Kind = kind, ActorId = plan.UserIds[actor], CreatedAt = at, ReadAt = read ? at.AddHours(2) : null,
        });
    }

    /// <summary>Up to <paramref name="count"/> distinct people of the list other than <paramref name="except"/>.</summary>
    private List<int> Others(IReadOnlyList<int> from, int except, int count)
    {
        count = Math.Min(count, from.Count - 1);
        var picked = new List<int>(Math.Max(0, count));
        for (var attempts = 0; picked.Count < count && attempts < count * 10; attempts++)
        {
            var candidate = from[_rng.Next(from.Count)];
            if (candidate != except && !picked.Contains(candidate)) picked.Add(candidate);
        }
        return picked;
    }
}
