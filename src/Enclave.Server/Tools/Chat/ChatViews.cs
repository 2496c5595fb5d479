using Enclave.Server.Accounts;
using Enclave.Server.Data;
using Enclave.Server.Posts.Rendering;
using Enclave.Server.Web;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Tools.Chat;

public sealed record ChatParticipantResponse(UserSummary User, Guid? ReadUpToId);

/// <summary>A conversation as its reader sees it. <see cref="CannotSend"/>: why the reader may not write now (<c>blocked</c>, <c>no_shared_sphere</c>, <c>muted</c>), or null.</summary>
public sealed record ChatConversationResponse(Guid Id, ChatKind Kind, Guid? SphereId, string? Title, string Name,
    IReadOnlyList<ChatParticipantResponse> Participants, int Unread, Guid? ReadUpToId, Guid? LastMessageId, string? CannotSend = null);

public sealed record ChatReplyResponse(Guid Id, UserSummary? Author, string Excerpt, bool Deleted);

public sealed record ChatReactionCount(Posts.ReactionKind Kind, int Count, bool Mine);

public sealed record ChatAttachmentResponse(Guid Id, string FileName, string ContentType, long Size, string Url)
{
    public static ChatAttachmentResponse From(ChatAttachment a) => new(a.Id, a.FileName, a.ContentType, a.Size, $"/api/v1/chat/attachments/{a.Id}");
}

/// <summary>A message; a deleted one keeps its place with an empty body and <see cref="Deleted"/> set.</summary>
public sealed record ChatMessageResponse(Guid Id, Guid ConversationId, UserSummary? Author, string Body, string Html, ChatReplyResponse? ReplyTo,
    IReadOnlyList<ChatAttachmentResponse> Attachments, IReadOnlyList<ChatReactionCount> Reactions, DateTime CreatedAt, DateTime? EditedAt, bool Deleted);

/// <summary>Builds responses in a fixed number of queries per page (no query per message).</summary>
public sealed class ChatViews(EnclaveDb db)
{
    public async Task<Page<ChatMessageResponse>> MessagesAsync(Guid viewerId, Guid conversationId, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var page = await db.Set<ChatMessage>().AsNoTracking().Where(m => m.ConversationId == conversationId)
            .ToPageAsync(m => m.Id, cursor, limit, m => m, cancellationToken, descending: true);
        return new Page<ChatMessageResponse>(await BuildAsync(viewerId, page.Items, cancellationToken), page.NextCursor);
    }

    public async Task<ChatMessageResponse> MessageAsync(Guid viewerId, ChatMessage message, CancellationToken cancellationToken) =>
        (await BuildAsync(viewerId, [message], cancellationToken))[0];

    private async Task<IReadOnlyList<ChatMessageResponse>> BuildAsync(Guid viewerId, IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken)
    {
        if (messages.Count == 0) return [];
        var ids = messages.Select(m => m.Id).ToList();
        var replyIds = messages.Where(m => m.ReplyToId != null).Select(m => m.ReplyToId!.Value).Distinct().ToList();
        var replies = await db.Set<ChatMessage>().AsNoTracking().Where(m => replyIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, cancellationToken);
        var userIds = messages.Select(m => m.AuthorId).Concat(replies.Values.Select(r => r.AuthorId)).Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, cancellationToken);
        var attachments = (await db.Set<ChatAttachment>().AsNoTracking().Where(a => a.MessageId != null && ids.Contains(a.MessageId.Value))
            .OrderBy(a => a.Id).ToListAsync(cancellationToken)).ToLookup(a => a.MessageId!.Value);
        var reactions = (await db.Set<ChatReaction>().AsNoTracking().Where(r => ids.Contains(r.MessageId))
            .Select(r => new { r.MessageId, r.Kind, r.UserId }).ToListAsync(cancellationToken)).ToLookup(r => r.MessageId);
        UserSummary? Person(Guid id) => users.TryGetValue(id, out var u) ? UserSummary.From(u) : null;
        return messages.Select(m => new ChatMessageResponse(m.Id, m.ConversationId, Person(m.AuthorId), m.Body,
            m.DeletedAt is null ? MarkdownRenderer.Render(m.Body, ResolvedMentions.None) : "",
            m.ReplyToId is { } r ? Reply(r, replies, Person) : null,
            attachments[m.Id].Select(ChatAttachmentResponse.From).ToList(),
            reactions[m.Id].GroupBy(x => x.Kind).OrderBy(g => g.Key)
                .Select(g => new ChatReactionCount(g.Key, g.Count(), g.Any(x => x.UserId == viewerId))).ToList(),
            m.CreatedAt, m.EditedAt, m.DeletedAt is not null)).ToList();
    }

    private static ChatReplyResponse Reply(Guid id, Dictionary<Guid, ChatMessage> replies, Func<Guid, UserSummary?> person) =>
        replies.TryGetValue(id, out var r)
            ? new ChatReplyResponse(r.Id, person(r.AuthorId), r.DeletedAt is null ? Excerpt(r.Body) : "", r.DeletedAt is not null)
            : new ChatReplyResponse(id, null, "", true);

    private static string Excerpt(string body) => body.Length <= 120 ? body : body[..120] + "…";

    /// <summary>Conversations (already known to be readable by the viewer), with participants, markers and unread counts.</summary>
    public async Task<IReadOnlyList<ChatConversationResponse>> ConversationsAsync(Guid viewerId, IReadOnlyList<ChatConversation> conversations, CancellationToken cancellationToken)
    {
        if (conversations.Count == 0) return [];
        var ids = conversations.Select(c => c.Id).ToList();
        var participants = await db.Set<ChatParticipant>().AsNoTracking().Where(p => ids.Contains(p.ConversationId)).ToListAsync(cancellationToken);
        var userIds = participants.Select(p => p.UserId).Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, cancellationToken);
        var unread = await UnreadByConversationAsync(viewerId, ids, cancellationToken);
        var spheres = conversations.Where(c => c.SphereId != null).Select(c => c.SphereId!.Value).ToList();
        var sphereNames = await db.Spheres.AsNoTracking().Where(s => spheres.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var byConversation = participants.ToLookup(p => p.ConversationId);
        return conversations.Select(c =>
        {
            // A channel's rows are read markers, not its members: only the viewer's own is shown.
            var rows = byConversation[c.Id].Where(p => c.Kind != ChatKind.Sphere || p.UserId == viewerId).OrderBy(p => p.JoinedAt).ThenBy(p => p.UserId).ToList();
            var people = rows.Where(p => users.ContainsKey(p.UserId))
                .Select(p => new ChatParticipantResponse(UserSummary.From(users[p.UserId]), p.ReadUpToId)).ToList();
            var name = c.Kind == ChatKind.Sphere ? sphereNames.GetValueOrDefault(c.SphereId!.Value, "") : c.Title ??
                string.Join(", ", people.Where(p => p.User.Id != viewerId).Select(p => p.User.DisplayName));
            var mine = rows.FirstOrDefault(p => p.UserId == viewerId);
            return new ChatConversationResponse(c.Id, c.Kind, c.SphereId, c.Title, name, c.Kind == ChatKind.Sphere ? [] : people,
                unread.GetValueOrDefault(c.Id), mine?.ReadUpToId, c.LastMessageId == c.Id ? null : c.LastMessageId);
        }).ToList();
    }

    /// <summary>Messages by others after the viewer's marker, per conversation (capped at 100 each, as the badge shows "99+").</summary>
    public async Task<Dictionary<Guid, int>> UnreadByConversationAsync(Guid viewerId, IReadOnlyList<Guid> conversationIds, CancellationToken cancellationToken)
    {
        var markers = await db.Set<ChatParticipant>().AsNoTracking().Where(p => p.UserId == viewerId && conversationIds.Contains(p.ConversationId))
            .ToDictionaryAsync(p => p.ConversationId, p => p.ReadUpToId, cancellationToken);
        var result = new Dictionary<Guid, int>();
        foreach (var id in conversationIds)
        {
            var after = markers.GetValueOrDefault(id);
            var query = db.Set<ChatMessage>().Where(m => m.ConversationId == id && m.AuthorId != viewerId && m.DeletedAt == null);
            if (after is { } a) query = query.Where(m => m.Id.CompareTo(a) > 0);
            result[id] = await query.OrderBy(m => m.Id).Take(100).CountAsync(cancellationToken);
        }
        return result;
    }
}
