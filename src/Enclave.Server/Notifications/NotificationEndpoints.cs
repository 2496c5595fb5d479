using Enclave.Server.Access;
using Enclave.Server.Accounts;
using Enclave.Server.Data;
using Enclave.Server.Notifications.Delivery;
using Enclave.Server.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Notifications;

public sealed record NotificationResponse(Guid Id, NotificationKind Kind, UserSummary? Actor, Guid? OrganizationId, Guid? SphereId, string? SphereName,
    Guid? PostId, Guid? CommentId, Guid? SubjectId, string? Excerpt, DateTime CreatedAt, DateTime? ReadAt, string? Detail = null, string? Url = null);

public sealed record UnreadNotifications(int Count);

public sealed record NotificationLevelRequest(NotificationLevel? Level);

public sealed record NotificationLevelResponse(Guid SphereId, NotificationLevel Level);

public static class NotificationEndpoints
{
    public static void MapNotifications(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/notifications").WithTags("Notifications");
        group.MapGet("/", List);
        group.MapGet("/unread-count", UnreadCount);
        group.MapPost("/{id:guid}/read", MarkRead);
        group.MapPost("/read-all", MarkAllRead);
        api.MapGet("/spheres/{id:guid}/notification-level", GetLevel).WithTags("Notifications");
        api.MapPut("/spheres/{id:guid}/notification-level", SetLevel).WithTags("Notifications");
        api.MapNotificationDelivery();
    }

    /// <summary>
    /// The viewer's notifications that they may still see: one about sphere content disappears
    /// when they lose access to the sphere or the post (the gate filters the list, not the writer).
    /// </summary>
    private static IQueryable<Notification> Visible(EnclaveDb db, AccessGate gate, Guid userId) =>
        db.Notifications.AsNoTracking().Where(n => n.UserId == userId &&
            (n.SphereId == null || gate.ReadableSpheres(userId).Any(s => s.Id == n.SphereId)) &&
            (n.PostId == null || gate.VisiblePosts(userId).Any(p => p.Id == n.PostId)));

    internal static async Task<Ok<Page<NotificationResponse>>> List(bool? unread, string? cursor, int? limit, Viewer viewer, AccessGate gate, EnclaveDb db,
        Tools.ToolNotices toolNotices, CancellationToken cancellationToken)
    {
        var userId = viewer.Id;
        var query = Visible(db, gate, userId);
        if (unread == true) query = query.Where(n => n.ReadAt == null);
        var page = await query.ToPageAsync(n => n.Id, cursor, limit, n => n, cancellationToken, descending: true);
        var actorIds = page.Items.Where(n => n.ActorId != null).Select(n => n.ActorId!.Value).Distinct().ToList();
        var actors = await db.Users.AsNoTracking().Where(u => actorIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, cancellationToken);
        var sphereIds = page.Items.Where(n => n.SphereId != null).Select(n => n.SphereId!.Value).Distinct().ToList();
        var spheres = await db.Spheres.AsNoTracking().Where(s => sphereIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var postIds = page.Items.Where(n => n.PostId != null).Select(n => n.PostId!.Value).Distinct().ToList();
        var bodies = await db.Posts.AsNoTracking().Where(p => postIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Body, cancellationToken);
        var details = await Moderation.ModerationNotices.DetailsAsync(db, page.Items, cancellationToken);
        var tools = await toolNotices.DescribeAsync(userId, page.Items, cancellationToken);
        return TypedResults.Ok(new Page<NotificationResponse>(page.Items.Select(n => new NotificationResponse(n.Id, n.Kind,
            n.ActorId is { } a && actors.TryGetValue(a, out var actor) ? UserSummary.From(actor) : null,
            n.OrganizationId, n.SphereId, n.SphereId is { } s && spheres.TryGetValue(s, out var name) ? name : null,
            n.PostId, n.CommentId, n.SubjectId, n.PostId is { } p && bodies.TryGetValue(p, out var body) ? Excerpt(body) : null,
            n.CreatedAt, n.ReadAt, tools.TryGetValue(n.Id, out var tool) ? tool.Detail : details.GetValueOrDefault(n.Id),
            tools.TryGetValue(n.Id, out var notice) ? notice.Url : null)).ToList(), page.NextCursor));
    }

    private static string Excerpt(string body) => body.Length <= 140 ? body : body[..140] + "…";

    internal static async Task<Ok<UnreadNotifications>> UnreadCount(Viewer viewer, AccessGate gate, EnclaveDb db, CancellationToken cancellationToken) =>
        TypedResults.Ok(new UnreadNotifications(await Visible(db, gate, viewer.Id).Where(n => n.ReadAt == null).OrderBy(n => n.Id).Take(1000).CountAsync(cancellationToken)));

    internal static async Task<NoContent> MarkRead(Guid id, Viewer viewer, EnclaveDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var userId = viewer.Id;
        var now = clock.GetUtcNow().UtcDateTime;
        var found = await db.Notifications.Where(n => n.Id == id && n.UserId == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, n => n.ReadAt ?? now), cancellationToken);
        if (found == 0) throw ProblemException.NotFound("notification");
        return TypedResults.NoContent();
    }

    internal static async Task<NoContent> MarkAllRead(Viewer viewer, EnclaveDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var userId = viewer.Id;
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Notifications.Where(n => n.UserId == userId && n.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<Ok<NotificationLevelResponse>> GetLevel(Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, CancellationToken cancellationToken)
    {
        var access = await gate.SphereAsync(viewer, id, cancellationToken);
        if (!access.IsMember) throw ProblemException.NotFound("sphere");
        var userId = viewer.Id;
        var levels = await LevelsAsync(db, userId, [id], cancellationToken);
        return TypedResults.Ok(new NotificationLevelResponse(id, levels[id]));
    }

    /// <summary>
    /// The person's level in each of these spheres (mentions unless they chose otherwise), in one
    /// query. The spheres must come from the gate (e.g. <c>SphereEndpoints.ListMine</c>): this reads
    /// only the person's own settings and checks no access.
    /// </summary>
    internal static async Task<Dictionary<Guid, NotificationLevel>> LevelsAsync(EnclaveDb db, Guid userId, IReadOnlyCollection<Guid> sphereIds, CancellationToken cancellationToken)
    {
        var chosen = await db.NotificationSettings.AsNoTracking().Where(s => s.UserId == userId && sphereIds.Contains(s.SphereId))
            .ToDictionaryAsync(s => s.SphereId, s => s.Level, cancellationToken);
        return sphereIds.ToDictionary(id => id, id => chosen.TryGetValue(id, out var level) ? level : NotificationLevel.Mentions);
    }

    internal static async Task<Ok<NotificationLevelResponse>> SetLevel(Guid id, NotificationLevelRequest request, Viewer viewer, AccessGate gate, EnclaveDb db, CancellationToken cancellationToken)
    {
        new Validation().Require("level", request.Level).ThrowIfAny();
        var access = await gate.SphereAsync(viewer, id, cancellationToken);
        if (!access.IsMember) throw ProblemException.NotFound("sphere");
        var userId = viewer.Id;
        var setting = await db.NotificationSettings.FirstOrDefaultAsync(s => s.SphereId == id && s.UserId == userId, cancellationToken);
        if (setting is null)
            db.NotificationSettings.Add(setting = new NotificationSetting { Id = Ids.New(), OrganizationId = access.Sphere.OrganizationId, SphereId = id, UserId = userId });
        setting.Level = request.Level!.Value;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new NotificationLevelResponse(id, setting.Level));
    }
}
