using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Notifications;
using Enclave.Server.Web;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Tools.Chat;

public sealed record StartConversationRequest(List<Guid>? ParticipantIds, string? Title);

public sealed record SendMessageRequest(string? Body, Guid? ReplyToId, List<Guid>? AttachmentIds);

public sealed record EditMessageRequest(string? Body);

/// <summary>Opening conversations and writing messages; every write is one save (or one transaction), then its live event.</summary>
public sealed class ChatService(EnclaveDb db, AccessGate gate, ChatAccess chat, ChatLive live, Notifier notifier, TimeProvider clock)
{
    /// <summary>
    /// A direct conversation (one other person, no title) is found again if it exists; otherwise a
    /// new one. Every person named must share a sphere with the viewer (else 404 for them, like an
    /// unseen profile) and neither may have blocked the other (403 <c>blocked</c>).
    /// </summary>
    public async Task<(ChatConversation Conversation, bool Created)> StartAsync(Viewer viewer, StartConversationRequest request, CancellationToken cancellationToken)
    {
        var me = viewer.Id;
        var others = (request.ParticipantIds ?? []).Where(id => id != me).Distinct().ToList();
        var validation = new Validation().OptionalText("title", request.Title, ChatRules.MaxTitle);
        if (others.Count == 0) validation.Add("participantIds", "must name at least one other person.");
        else if (others.Count + 1 > ChatRules.MaxGroup) validation.Add("participantIds", $"a conversation holds at most {ChatRules.MaxGroup} people.");
        validation.ThrowIfAny();
        foreach (var other in others)
        {
            if (!await db.Users.AnyAsync(u => u.Id == other && u.ClosedAt == null, cancellationToken) ||
                !await gate.ShareSphereAsync(me, other, cancellationToken))
                throw ProblemException.NotFound("person");
            if (await chat.BlockedAsync(me, other, cancellationToken))
                throw ProblemException.Forbidden("blocked", "This person does not receive your messages.");
        }
        var title = string.IsNullOrWhiteSpace(request.Title) ? null : request.Title.Trim();
        var conversations = db.Set<ChatConversation>();
        var now = clock.GetUtcNow().UtcDateTime;
        string? directKey = null;
        if (others.Count == 1 && title is null)
        {
            var pair = new[] { me, others[0] }.Order().ToArray();
            directKey = $"{pair[0]:N}:{pair[1]:N}";
            var existing = await conversations.AsNoTracking().FirstOrDefaultAsync(c => c.DirectKey == directKey, cancellationToken);
            if (existing is not null) return (existing, false);
        }
        var id = Ids.New();
        var conversation = new ChatConversation
        {
            Id = id, Kind = directKey is null ? ChatKind.Group : ChatKind.Direct, DirectKey = directKey, Title = title,
            CreatedById = me, CreatedAt = now, LastMessageId = id,
        };
        conversations.Add(conversation);
        db.Set<ChatParticipant>().AddRange(others.Prepend(me).Select(u => new ChatParticipant { ConversationId = id, UserId = u, JoinedAt = now }));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (directKey is not null)
        {
            // The other person opened the same pair at the same moment: the database kept theirs.
            db.ChangeTracker.Clear();
            return (await conversations.AsNoTracking().FirstAsync(c => c.DirectKey == directKey, cancellationToken), false);
        }
        await live.PublishAsync(conversation, "chat.conversation", new { conversationId = id }, cancellationToken, except: me);
        return (conversation, true);
    }

    public async Task<ChatMessage> SendAsync(Viewer viewer, ChatContext context, SendMessageRequest request, CancellationToken cancellationToken)
    {
        var me = viewer.Id;
        var attachmentIds = (request.AttachmentIds ?? []).Distinct().ToList();
        var validation = new Validation().OptionalText("body", request.Body, ChatRules.MaxBody);
        if (string.IsNullOrWhiteSpace(request.Body) && attachmentIds.Count == 0) validation.Add("body", "is required (or send an attachment).");
        if (attachmentIds.Count > ChatRules.MaxAttachments) validation.Add("attachmentIds", $"at most {ChatRules.MaxAttachments} files per message.");
        validation.ThrowIfAny();
        await chat.RequireCanSendAsync(viewer, context, cancellationToken);
        var conversation = context.Conversation;
        if (request.ReplyToId is { } replyTo && !await db.Set<ChatMessage>().AnyAsync(m => m.Id == replyTo && m.ConversationId == conversation.Id, cancellationToken))
            throw ProblemException.Unprocessable("reply_not_found", "The message answered is not in this conversation.",
                new Dictionary<string, string[]> { ["replyToId"] = ["is not a message of this conversation."] });
        var attachments = await db.Set<ChatAttachment>()
            .Where(a => attachmentIds.Contains(a.Id) && a.ConversationId == conversation.Id && a.UploaderId == me && a.MessageId == null)
            .ToListAsync(cancellationToken);
        if (attachments.Count != attachmentIds.Count)
            throw ProblemException.Unprocessable("attachment_not_found", "An attachment is not one of your pending uploads to this conversation.",
                new Dictionary<string, string[]> { ["attachmentIds"] = ["must be your own uploads to this conversation, not yet sent."] });
        var message = new ChatMessage
        {
            Id = Ids.New(), ConversationId = conversation.Id, OrganizationId = conversation.OrganizationId, SphereId = conversation.SphereId,
            AuthorId = me, Body = request.Body?.Trim() ?? "", ReplyToId = request.ReplyToId, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        await db.InTransactionAsync(async () =>
        {
            db.Set<ChatMessage>().Add(message);
            foreach (var a in attachments) a.MessageId = message.Id;
            await db.SaveChangesAsync(cancellationToken);
            await db.Set<ChatConversation>().Where(c => c.Id == conversation.Id && c.LastMessageId.CompareTo(message.Id) < 0)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastMessageId, message.Id), cancellationToken);
            // What one writes is read: the author's marker moves past their own message.
            await db.Set<ChatParticipant>().Where(p => p.ConversationId == conversation.Id && p.UserId == me)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.ReadUpToId, message.Id).SetProperty(p => p.Notified, false), cancellationToken);
        }, cancellationToken);
        await live.MessageAsync(conversation, message.Id, "created", cancellationToken);
        if (!context.IsChannel) await NotifyAsync(conversation, me, cancellationToken);
        return message;
    }

    /// <summary>One notification per person and conversation until they read it: the flag flips once, in the database.</summary>
    private async Task NotifyAsync(ChatConversation conversation, Guid authorId, CancellationToken cancellationToken)
    {
        var others = await db.Set<ChatParticipant>().AsNoTracking()
            .Where(p => p.ConversationId == conversation.Id && p.UserId != authorId && !p.Notified).Select(p => p.UserId).ToListAsync(cancellationToken);
        var fresh = new List<Guid>();
        foreach (var other in others)
            if (await db.Set<ChatParticipant>().Where(p => p.ConversationId == conversation.Id && p.UserId == other && !p.Notified)
                    .ExecuteUpdateAsync(s => s.SetProperty(p => p.Notified, true), cancellationToken) == 1)
                fresh.Add(other);
        if (fresh.Count > 0)
            await notifier.NotifyAsync(fresh, NotificationKind.ChatMessage, authorId, null, null, null, null, conversation.Id, cancellationToken);
    }
}
