using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Web;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Tools.Chat;

/// <summary>A conversation the viewer may read; <see cref="Channel"/> holds their rights in the sphere for a sphere channel.</summary>
public sealed record ChatContext(ChatConversation Conversation, SphereAccess? Channel)
{
    public bool IsChannel => Conversation.Kind == ChatKind.Sphere;
}

/// <summary>
/// Who reads and who writes a conversation. Every read asks again (participant row, or the gate
/// for a channel), so someone removed from a sphere loses its channel at once. Anything the
/// viewer may not read answers 404, like a conversation that does not exist.
/// </summary>
public sealed class ChatAccess(EnclaveDb db, AccessGate gate, TimeProvider clock)
{
    public async Task<ChatContext> OpenAsync(Viewer viewer, Guid conversationId, CancellationToken cancellationToken, string noun = ChatRules.Noun)
    {
        var me = viewer.Id;
        var conversation = await db.Set<ChatConversation>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == conversationId, cancellationToken)
            ?? throw ProblemException.NotFound(noun);
        if (conversation.Kind == ChatKind.Sphere)
            return new ChatContext(conversation, await gate.ChatChannelAsync(viewer, conversation.SphereId!.Value, noun, cancellationToken));
        if (!await db.Set<ChatParticipant>().AnyAsync(p => p.ConversationId == conversationId && p.UserId == me, cancellationToken))
            throw ProblemException.NotFound(noun);
        return new ChatContext(conversation, null);
    }

    /// <summary>The sphere's channel, created on first use (one per sphere, kept by a unique index).</summary>
    public async Task<ChatContext> ChannelAsync(Viewer viewer, Guid sphereId, CancellationToken cancellationToken)
    {
        _ = viewer.Id; // Signed-in people only: an anonymous reader of a public sphere is asked to sign in.
        var access = await gate.ChatChannelAsync(viewer, sphereId, "sphere", cancellationToken);
        var channels = db.Set<ChatConversation>();
        var channel = await channels.AsNoTracking().FirstOrDefaultAsync(c => c.SphereId == sphereId, cancellationToken);
        if (channel is not null) return new ChatContext(channel, access);
        var id = Ids.New();
        channel = new ChatConversation
        {
            Id = id, Kind = ChatKind.Sphere, OrganizationId = access.Sphere.OrganizationId, SphereId = sphereId,
            CreatedAt = clock.GetUtcNow().UtcDateTime, LastMessageId = id,
        };
        channels.Add(channel);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Someone else opened the channel at the same moment: theirs is the one.
            db.ChangeTracker.Clear();
            channel = await channels.AsNoTracking().FirstAsync(c => c.SphereId == sphereId, cancellationToken);
        }
        return new ChatContext(channel, access);
    }

    /// <summary>
    /// Whether the viewer may write here now: a channel needs them to take part in its sphere (and
    /// not be muted there); a direct conversation needs no block either way and a sphere still
    /// shared; a group needs a sphere still shared with at least one other participant.
    /// </summary>
    public async Task<string?> CannotSendAsync(Viewer viewer, ChatContext context, CancellationToken cancellationToken)
    {
        var me = viewer.Id;
        if (context.IsChannel)
        {
            var muted = await Moderation.Mutes.UntilAsync(db, clock, context.Conversation.SphereId!.Value, me, cancellationToken);
            return muted is null ? null : "muted";
        }
        var others = await db.Set<ChatParticipant>().Where(p => p.ConversationId == context.Conversation.Id && p.UserId != me)
            .Select(p => p.UserId).ToListAsync(cancellationToken);
        if (context.Conversation.Kind == ChatKind.Direct)
        {
            var other = others.FirstOrDefault();
            if (await BlockedAsync(me, other, cancellationToken)) return "blocked";
            return await gate.ShareSphereAsync(me, other, cancellationToken) ? null : "no_shared_sphere";
        }
        foreach (var other in others)
            if (await gate.ShareSphereAsync(me, other, cancellationToken)) return null;
        return "no_shared_sphere";
    }

    public async Task RequireCanSendAsync(Viewer viewer, ChatContext context, CancellationToken cancellationToken)
    {
        switch (await CannotSendAsync(viewer, context, cancellationToken))
        {
            case null: return;
            case "blocked": throw ProblemException.Forbidden("blocked", "This person does not receive your messages.");
            case "muted": await Moderation.Mutes.ThrowIfMutedAsync(db, clock, context.Conversation.SphereId!.Value, viewer.Id, cancellationToken); return;
            default: throw ProblemException.Forbidden("no_shared_sphere", "You no longer share a sphere with this conversation's people.");
        }
    }

    public Task<bool> BlockedAsync(Guid a, Guid b, CancellationToken cancellationToken) =>
        db.Set<ChatBlock>().AnyAsync(x => (x.BlockerId == a && x.BlockedId == b) || (x.BlockerId == b && x.BlockedId == a), cancellationToken);

    /// <summary>A message the viewer may read, with its conversation; 404 naming the message otherwise.</summary>
    public async Task<(ChatContext Context, ChatMessage Message)> MessageAsync(Viewer viewer, Guid messageId, CancellationToken cancellationToken)
    {
        var message = await db.Set<ChatMessage>().FirstOrDefaultAsync(m => m.Id == messageId, cancellationToken) ?? throw ProblemException.NotFound("message");
        return (await OpenAsync(viewer, message.ConversationId, cancellationToken, "message"), message);
    }
}
