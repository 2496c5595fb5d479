using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Files;
using Enclave.Server.Notifications;
using Enclave.Server.Posts;
using Enclave.Server.Web;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Tools.Chat;

public sealed record MarkReadRequest(Guid? MessageId);

/// <summary>Changing a message (edit, delete, react) and the reader's own state (read marker, typing).</summary>
public sealed class ChatMessageService(EnclaveDb db, ChatAccess chat, ChatLive live, IBlobStore blobs, ChatTypingThrottle typing, TimeProvider clock)
{
    public async Task<ChatMessage> EditAsync(Viewer viewer, Guid messageId, EditMessageRequest request, CancellationToken cancellationToken)
    {
        new Validation().Text("body", request.Body, 1, ChatRules.MaxBody).ThrowIfAny();
        var (context, message) = await chat.MessageAsync(viewer, messageId, cancellationToken);
        if (message.AuthorId != viewer.Id) throw ProblemException.Forbidden("not_author", "Only its author edits a message.");
        if (message.DeletedAt is not null) throw ProblemException.NotFound("message");
        await chat.RequireCanSendAsync(viewer, context, cancellationToken);
        message.Body = request.Body!.Trim();
        message.EditedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        await live.MessageAsync(context.Conversation, message.Id, "edited", cancellationToken);
        return message;
    }

    /// <summary>The author deletes their message (a channel's staff too): it stays as a placeholder, its text, files and reactions go.</summary>
    public async Task<ChatMessage> DeleteAsync(Viewer viewer, Guid messageId, CancellationToken cancellationToken)
    {
        var (context, message) = await chat.MessageAsync(viewer, messageId, cancellationToken);
        var moderator = context.Channel is { ActsAsStaff: true };
        if (message.AuthorId != viewer.Id && !moderator) throw ProblemException.Forbidden("not_author", "Only its author deletes a message.");
        if (message.DeletedAt is not null) return message;
        var files = await db.Set<ChatAttachment>().Where(a => a.MessageId == message.Id).ToListAsync(cancellationToken);
        await db.InTransactionAsync(async () =>
        {
            message.Body = "";
            message.DeletedAt = clock.GetUtcNow().UtcDateTime;
            db.Set<ChatAttachment>().RemoveRange(files);
            await db.SaveChangesAsync(cancellationToken);
            await db.Set<ChatReaction>().Where(r => r.MessageId == message.Id).ExecuteDeleteAsync(cancellationToken);
        }, cancellationToken);
        foreach (var file in files) await blobs.DeleteAsync(file.OrganizationId, file.BlobKey, CancellationToken.None);
        await live.MessageAsync(context.Conversation, message.Id, "deleted", cancellationToken);
        return message;
    }

    public static ReactionKind ParseKind(string kind) =>
        Enum.TryParse<ReactionKind>(kind, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(kind, out _)
            ? parsed
            : throw new ProblemException(400, "unknown_reaction", "Unknown reaction.", new Dictionary<string, string[]>
                { ["kind"] = [$"must be one of: {string.Join(", ", Enum.GetNames<ReactionKind>().Select(n => n.ToLowerInvariant()))}."] });

    /// <summary>Adding a reaction twice is harmless (the primary key keeps one); removing one that is not there is too.</summary>
    public async Task<ChatMessage> ReactAsync(Viewer viewer, Guid messageId, string kind, bool add, CancellationToken cancellationToken)
    {
        var reaction = ParseKind(kind);
        var (context, message) = await chat.MessageAsync(viewer, messageId, cancellationToken);
        if (message.DeletedAt is not null) throw ProblemException.NotFound("message");
        await chat.RequireCanSendAsync(viewer, context, cancellationToken);
        var me = viewer.Id;
        var reactions = db.Set<ChatReaction>();
        if (add)
        {
            if (!await reactions.AnyAsync(r => r.MessageId == messageId && r.UserId == me && r.Kind == reaction, cancellationToken))
            {
                reactions.Add(new ChatReaction { MessageId = messageId, UserId = me, Kind = reaction, CreatedAt = clock.GetUtcNow().UtcDateTime });
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch (DbUpdateException)
                {
                    // The same click arrived twice at once; the database kept one.
                    db.ChangeTracker.Clear();
                }
            }
        }
        else await reactions.Where(r => r.MessageId == messageId && r.UserId == me && r.Kind == reaction).ExecuteDeleteAsync(cancellationToken);
        await live.MessageAsync(context.Conversation, message.Id, "reacted", cancellationToken);
        return message;
    }

    /// <summary>
    /// Moves the reader's marker forward (never back) to the message given, or to the newest; also
    /// clears the conversation's pending notification so the next message notifies again.
    /// </summary>
    public async Task<Guid?> MarkReadAsync(Viewer viewer, ChatContext context, MarkReadRequest request, CancellationToken cancellationToken)
    {
        var me = viewer.Id;
        var conversationId = context.Conversation.Id;
        var messages = db.Set<ChatMessage>().Where(m => m.ConversationId == conversationId);
        Guid? upTo = request.MessageId is { } given
            ? await messages.Where(m => m.Id == given).Select(m => (Guid?)m.Id).FirstOrDefaultAsync(cancellationToken)
                ?? throw ProblemException.Unprocessable("message_not_found", "The message is not in this conversation.",
                    new Dictionary<string, string[]> { ["messageId"] = ["is not a message of this conversation."] })
            : await messages.OrderByDescending(m => m.Id).Select(m => (Guid?)m.Id).FirstOrDefaultAsync(cancellationToken);
        if (upTo is not { } target) return null;
        var participants = db.Set<ChatParticipant>();
        if (context.IsChannel && !await participants.AnyAsync(p => p.ConversationId == conversationId && p.UserId == me, cancellationToken))
        {
            participants.Add(new ChatParticipant { ConversationId = conversationId, UserId = me, JoinedAt = clock.GetUtcNow().UtcDateTime });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear(); // Another tab of the same person made the marker first.
            }
        }
        var moved = await participants.Where(p => p.ConversationId == conversationId && p.UserId == me && (p.ReadUpToId == null || p.ReadUpToId.Value.CompareTo(target) < 0))
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.ReadUpToId, target).SetProperty(p => p.Notified, false), cancellationToken);
        await db.Notifications.Where(n => n.UserId == me && n.Kind == NotificationKind.ChatMessage && n.SubjectId == conversationId && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, clock.GetUtcNow().UtcDateTime), cancellationToken);
        if (moved > 0)
        {
            var data = new { conversationId, userId = me, readUpToId = target };
            // A channel's markers are private; a conversation's are its read receipts.
            if (context.IsChannel) await live.PublishOneAsync(me, "chat.read", data, cancellationToken);
            else await live.PublishAsync(context.Conversation, "chat.read", data, cancellationToken);
        }
        return await participants.AsNoTracking().Where(p => p.ConversationId == conversationId && p.UserId == me).Select(p => p.ReadUpToId).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Not stored: a live signal to the others, at most one per person and conversation every few seconds.</summary>
    public async Task<bool> TypingAsync(Viewer viewer, ChatContext context, CancellationToken cancellationToken)
    {
        await chat.RequireCanSendAsync(viewer, context, cancellationToken);
        var me = viewer.Id;
        if (!typing.TryPass(me, context.Conversation.Id)) return false;
        await live.PublishAsync(context.Conversation, "chat.typing", new { conversationId = context.Conversation.Id, userId = me }, cancellationToken, except: me);
        return true;
    }
}
