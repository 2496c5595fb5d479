using Enclave.Server.Access;
using Enclave.Server.Accounts;
using Enclave.Server.Data;
using Enclave.Server.Posts;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Notifications.Delivery;

/// <summary>What an email may say, read through the gate at send time, and where it goes.</summary>
public sealed class MailContent(EnclaveDb db, AccessGate gate, MailLinks links)
{
    private const int DigestMax = 50;

    /// <summary>The event as the recipient may see it now, or null when they no longer may.</summary>
    public Task<MailItem?> ItemAsync(Guid userId, QueuedEmail q, CancellationToken cancellationToken) =>
        ItemAsync(userId, q.Kind, q.SphereId, q.PostId, q.CommentId, q.ActorId, cancellationToken);

    private async Task<MailItem?> ItemAsync(Guid userId, NotificationKind kind, Guid? sphereId, Guid? postId, Guid? commentId, Guid? actorId, CancellationToken cancellationToken)
    {
        string? sphere = null, excerpt = null;
        var link = links.For("/notifications");
        if (sphereId is { } s)
        {
            sphere = await gate.ReadableSpheres(userId).Where(x => x.Id == s).Select(x => x.Name).FirstOrDefaultAsync(cancellationToken);
            if (sphere is null) return null;
            link = links.For($"/s/{s}");
        }
        if (postId is { } p)
        {
            var body = await gate.VisiblePosts(userId).Where(x => x.Id == p && x.SphereId == sphereId).Select(x => x.Body).FirstOrDefaultAsync(cancellationToken);
            if (body is null) return null;
            excerpt = Excerpt(body);
            link = links.For($"/p/{p}");
        }
        if (commentId is { } c)
        {
            var body = await db.Comments.AsNoTracking().Where(x => x.Id == c && x.PostId == postId && x.Status == CommentStatus.Published)
                .Select(x => x.Body).FirstOrDefaultAsync(cancellationToken);
            if (body is null) return null;
            excerpt = Excerpt(body);
        }
        var actor = actorId is { } a ? await db.Users.AsNoTracking().Where(u => u.Id == a).Select(u => u.FirstName + " " + u.LastName).FirstOrDefaultAsync(cancellationToken) : null;
        return new MailItem(kind, actor?.Trim(), sphere, excerpt, link);
    }

    private static string Excerpt(string body) => body.Length <= 280 ? body : body[..280] + "…";

    /// <summary>The confirmed address chosen for the organization, or the account's own email.</summary>
    public async Task<string> AddressForAsync(User user, Guid? organizationId, CancellationToken cancellationToken)
    {
        if (organizationId is null) return user.Email;
        var chosen = await db.Set<OrganizationEmailChoice>().AsNoTracking()
            .Where(c => c.UserId == user.Id && c.OrganizationId == organizationId)
            .Join(db.Set<EmailAddress>().Where(a => a.ConfirmedAt != null), c => c.EmailAddressId, a => a.Id, (c, a) => a.Address)
            .FirstOrDefaultAsync(cancellationToken);
        return chosen ?? user.Email;
    }

    /// <summary>
    /// The digest: emails held back by the daily maximum, then unread in-app notifications since
    /// the last digest that were not mailed one by one; each re-checked through the gate.
    /// </summary>
    public async Task<(List<MailItem> Items, List<Guid> Deferred)> DigestAsync(Guid userId, DateTime? since, CancellationToken cancellationToken)
    {
        var deferred = await db.Set<QueuedEmail>().AsNoTracking().Where(q => q.UserId == userId && q.Status == QueuedEmailStatus.Deferred)
            .OrderBy(q => q.CreatedAt).Take(DigestMax).ToListAsync(cancellationToken);
        var from = since ?? DateTime.MinValue;
        var mailed = db.Set<QueuedEmail>().Where(q => q.UserId == userId && q.Status == QueuedEmailStatus.Sent);
        var unread = await db.Notifications.AsNoTracking()
            .Where(n => n.UserId == userId && n.ReadAt == null && n.CreatedAt > from && !mailed.Any(q => q.NotificationId == n.Id))
            .OrderBy(n => n.Id).Take(DigestMax).ToListAsync(cancellationToken);
        var items = new List<MailItem>();
        foreach (var q in deferred)
            if (await ItemAsync(userId, q, cancellationToken) is { } item) items.Add(item);
        var covered = deferred.Where(q => q.NotificationId != null).Select(q => q.NotificationId!.Value).ToHashSet();
        foreach (var n in unread.Where(n => !covered.Contains(n.Id)).Take(DigestMax - items.Count))
            if (await ItemAsync(userId, n.Kind, n.SphereId, n.PostId, n.CommentId, n.ActorId, cancellationToken) is { } item) items.Add(item);
        return (items, [.. deferred.Select(q => q.Id)]);
    }
}
