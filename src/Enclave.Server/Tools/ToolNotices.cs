using Enclave.Server.Notifications;

namespace Enclave.Server.Tools;

/// <summary>Asks each registered <see cref="IToolNotices"/> about the notifications of its kinds on a page.</summary>
public sealed class ToolNotices(IEnumerable<IToolNotices> tools)
{
    public async Task<IReadOnlyDictionary<Guid, ToolNotice>> DescribeAsync(Guid userId, IReadOnlyList<Notification> notifications, CancellationToken cancellationToken)
    {
        var result = new Dictionary<Guid, ToolNotice>();
        foreach (var tool in tools)
        {
            var mine = notifications.Where(n => tool.Kinds.Contains(n.Kind)).ToList();
            if (mine.Count == 0) continue;
            foreach (var (id, notice) in await tool.DescribeAsync(userId, mine, cancellationToken)) result[id] = notice;
        }
        return result;
    }
}
