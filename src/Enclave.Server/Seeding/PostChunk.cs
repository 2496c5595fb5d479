using Enclave.Server.Notifications;
using Enclave.Server.Posts;
using Enclave.Server.Posts.Attachments;

namespace Enclave.Server.Seeding;

/// <summary>A few thousand posts with everything that hangs off them, written together and then dropped (bounded memory).</summary>
public sealed class PostChunk
{
    public List<Post> Posts { get; } = [];
    public List<PostRecipient> Recipients { get; } = [];
    public List<PostTag> Tags { get; } = [];
    public List<Attachment> Attachments { get; } = [];
    public List<Comment> Comments { get; } = [];
    public List<Reaction> Reactions { get; } = [];
    public List<Notification> Notifications { get; } = [];

    /// <summary>Parents first: posts, then the rows that reference them.</summary>
    public async Task WriteAsync(BulkSink sink, CancellationToken cancellationToken)
    {
        await sink.WriteAsync(Posts, cancellationToken);
        await sink.WriteAsync(Recipients, cancellationToken);
        await sink.WriteAsync(Tags, cancellationToken);
        await sink.WriteAsync(Attachments, cancellationToken);
        await sink.WriteAsync(Comments, cancellationToken);
        await sink.WriteAsync(Reactions, cancellationToken);
        await sink.WriteAsync(Notifications, cancellationToken);
        Posts.Clear(); Recipients.Clear(); Tags.Clear(); Attachments.Clear(); Comments.Clear(); Reactions.Clear(); Notifications.Clear();
    }
}
