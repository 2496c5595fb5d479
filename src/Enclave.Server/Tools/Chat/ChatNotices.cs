using Enclave.Server.Data;
using Enclave.Server.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Tools.Chat;

/// <summary>"X sent you a message": the conversation's name and link, while the person is still in it.</summary>
public sealed class ChatNotices(EnclaveDb db, ChatViews views) : IToolNotices
{
    public IReadOnlyCollection<NotificationKind> Kinds { get; } = [NotificationKind.ChatMessage];

    public async Task<IReadOnlyDictionary<Guid, ToolNotice>> DescribeAsync(Guid userId, IReadOnlyList<Notification> notifications, CancellationToken cancellationToken)
    {
        var ids = notifications.Where(n => n.SubjectId != null).Select(n => n.SubjectId!.Value).Distinct().ToList();
        var mine = db.Set<ChatParticipant>().Where(p => p.UserId == userId).Select(p => p.ConversationId);
        var conversations = await db.Set<ChatConversation>().AsNoTracking()
            .Where(c => ids.Contains(c.Id) && c.Kind != ChatKind.Sphere && mine.Contains(c.Id)).ToListAsync(cancellationToken);
        var named = (await views.ConversationsAsync(userId, conversations, cancellationToken)).ToDictionary(c => c.Id);
        var result = new Dictionary<Guid, ToolNotice>();
        foreach (var n in notifications)
            if (n.SubjectId is { } id && named.TryGetValue(id, out var c)) result[n.Id] = new ToolNotice(c.Name, $"/chat/{id}");
        return result;
    }
}
