using System.Collections.Concurrent;
using Enclave.Server.Data;
using Enclave.Server.Live;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Tools.Chat;

/// <summary>
/// Live chat events. Direct and group conversations go to each participant's own stream; a
/// channel goes to its sphere, and the gate picks its readers when each event is delivered.
/// Types: <c>chat.message</c> (action created, edited, deleted, reacted), <c>chat.read</c>, <c>chat.typing</c>.
/// </summary>
public sealed class ChatLive(EnclaveDb db, LivePublisher live)
{
    public async Task PublishAsync(ChatConversation conversation, string type, object data, CancellationToken cancellationToken, Guid? except = null)
    {
        if (conversation.Kind == ChatKind.Sphere)
        {
            await live.SphereEventAsync(type, conversation.OrganizationId!.Value, conversation.SphereId!.Value, data, audience: null, cancellationToken);
            return;
        }
        var people = await db.Set<ChatParticipant>().AsNoTracking().Where(p => p.ConversationId == conversation.Id)
            .Select(p => p.UserId).ToListAsync(cancellationToken);
        foreach (var person in people.Where(p => p != except)) await live.UserEventAsync(type, person, data, cancellationToken);
    }

    public Task PublishOneAsync(Guid userId, string type, object data, CancellationToken cancellationToken) =>
        live.UserEventAsync(type, userId, data, cancellationToken);

    public Task MessageAsync(ChatConversation conversation, Guid messageId, string action, CancellationToken cancellationToken) =>
        PublishAsync(conversation, "chat.message", new { conversationId = conversation.Id, messageId, action }, cancellationToken);
}

/// <summary>Remembers when each person last signalled typing in each conversation, to publish at most one signal per interval.</summary>
public sealed class ChatTypingThrottle(TimeProvider clock)
{
    private readonly ConcurrentDictionary<(Guid User, Guid Conversation), DateTime> _last = new();

    public bool TryPass(Guid userId, Guid conversationId)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var key = (userId, conversationId);
        while (true)
        {
            if (!_last.TryGetValue(key, out var last))
            {
                if (_last.TryAdd(key, now)) return Prune(now);
                continue;
            }
            if (now - last < ChatRules.TypingInterval) return false;
            if (_last.TryUpdate(key, now, last)) return Prune(now);
        }
    }

    /// <summary>Keeps memory bounded: old entries are forgotten once the map grows.</summary>
    private bool Prune(DateTime now)
    {
        if (_last.Count > 10_000)
            foreach (var (key, at) in _last)
                if (now - at > ChatRules.TypingInterval) _last.TryRemove(key, out _);
        return true;
    }
}
