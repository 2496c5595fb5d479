using Enclave.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Notifications.Delivery;

public readonly record struct Channels(bool InApp, bool Email);

/// <summary>
/// Resolves which channels an event uses for each recipient: sphere, then organization, then
/// account, then the built-in default. The older per-sphere level still counts: «nothing» turns
/// off every channel of that sphere unless a sphere preference says otherwise, «all» turns on
/// in-app new posts.
/// </summary>
public sealed class Preferences(EnclaveDb db)
{
    public static EventKind KindOf(NotificationKind kind) => kind switch
    {
        NotificationKind.Mention => EventKind.Mentions,
        NotificationKind.Comment => EventKind.Comments,
        NotificationKind.PrivatePost or NotificationKind.ChatMessage => EventKind.PrivateMessages,
        NotificationKind.TaskAssigned => EventKind.Mentions,
        NotificationKind.TaskDueSoon or NotificationKind.EventReminder or NotificationKind.EventCancelled => EventKind.Reminders,
        _ => EventKind.Invitations,
    };

    /// <summary>Built in: everything in the app except every new post; email for what is addressed to you personally.</summary>
    public static Channels Default(EventKind kind) => kind switch
    {
        EventKind.NewPosts => new(false, false),
        EventKind.Comments => new(true, false),
        _ => new(true, true),
    };

    public async Task<Dictionary<Guid, Channels>> ResolveAsync(IReadOnlyCollection<Guid> userIds, EventKind kind, Guid? organizationId, Guid? sphereId, CancellationToken cancellationToken)
    {
        var scopes = new List<Guid> { Guid.Empty };
        if (organizationId is { } o) scopes.Add(o);
        if (sphereId is { } s) scopes.Add(s);
        var rows = await db.Set<NotificationPreference>().AsNoTracking()
            .Where(p => userIds.Contains(p.UserId) && p.Kind == kind && scopes.Contains(p.ScopeId)).ToListAsync(cancellationToken);
        var levels = sphereId is { } sphere
            ? await db.NotificationSettings.AsNoTracking().Where(x => x.SphereId == sphere && userIds.Contains(x.UserId))
                .ToDictionaryAsync(x => x.UserId, x => x.Level, cancellationToken)
            : [];
        return userIds.Distinct().ToDictionary(u => u, u =>
        {
            var mine = rows.Where(r => r.UserId == u).ToList();
            NotificationLevel? level = levels.TryGetValue(u, out var l) ? l : null;
            return Resolve(kind, mine.FirstOrDefault(r => r.Scope == PreferenceScope.Sphere), level,
                mine.FirstOrDefault(r => r.Scope == PreferenceScope.Organization), mine.FirstOrDefault(r => r.Scope == PreferenceScope.Account));
        });
    }

    public static Channels Resolve(EventKind kind, NotificationPreference? sphere, NotificationLevel? level, NotificationPreference? organization, NotificationPreference? account)
    {
        var fallback = Default(kind);
        bool? levelInApp = level switch
        {
            NotificationLevel.Nothing => false,
            NotificationLevel.All when kind == EventKind.NewPosts => true,
            _ => null,
        };
        bool? levelEmail = level == NotificationLevel.Nothing ? false : null;
        return new Channels(
            sphere?.InApp ?? levelInApp ?? organization?.InApp ?? account?.InApp ?? fallback.InApp,
            sphere?.Email ?? levelEmail ?? organization?.Email ?? account?.Email ?? fallback.Email);
    }
}
