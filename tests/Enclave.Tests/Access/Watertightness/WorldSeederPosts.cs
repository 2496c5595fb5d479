using Enclave.Server.Data;
using Enclave.Server.Notifications;
using Enclave.Server.Posts;
using Enclave.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Enclave.Tests.Access.Watertightness;

/// <summary>Writes a world's conversations straight into the database, after <see cref="WorldSeeder"/>.</summary>
public static class WorldSeederPosts
{
    public static async Task SeedAsync(EnclaveApp app, WorldModel w)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EnclaveDb>();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var c = w.Conversations;
        var now = w.Now;
        var created = now.AddDays(-31);
        db.Posts.AddRange(c.Posts.Select(p => new Post
        {
            Id = p.Id, OrganizationId = p.OrganizationId, SphereId = p.SphereId, AuthorId = p.AuthorId,
            Body = Body(p), BodyHtml = $"<p>{Body(p)}</p>", Style = PostStyle.Information, IsPrivate = p.IsPrivate, FeedKey = p.FeedKey,
            CreatedAt = created, PublishAt = p.PublishAt, PublishedAt = p.Published ? created : null, PinnedAt = p.PinnedAt,
            EditedAt = p.Revisions > 0 ? now.AddHours(-1) : null,
            CommentCount = c.CommentsOf(p.Id).Count(x => x.Status == CommentStatus.Published),
        }));
        db.PostRecipients.AddRange(c.Posts.SelectMany(p => p.Recipients.Select(r => new PostRecipient
        {
            Id = Guid.CreateVersion7(), OrganizationId = p.OrganizationId, SphereId = p.SphereId, PostId = p.Id, UserId = r,
        })));
        db.PostTags.AddRange(c.Posts.SelectMany(p => p.Tags.Select(t => new PostTag
        {
            Id = Guid.CreateVersion7(), OrganizationId = p.OrganizationId, SphereId = p.SphereId, PostId = p.Id, Tag = t,
        })));
        db.PostRevisions.AddRange(c.Posts.SelectMany(p => Enumerable.Range(0, p.Revisions).Select(i => new PostRevision
        {
            Id = Guid.CreateVersion7(), OrganizationId = p.OrganizationId, SphereId = p.SphereId, PostId = p.Id, Body = $"{Body(p)} (version {i + 1})",
            Style = PostStyle.Information, AuthorId = p.AuthorId, WrittenAt = created.AddHours(i),
        })));
        db.Comments.AddRange(c.Comments.Select(x => new Comment
        {
            Id = x.Id, OrganizationId = x.OrganizationId, SphereId = x.SphereId, PostId = x.PostId, AuthorId = x.AuthorId,
            Body = $"Comment {x.Id}", BodyHtml = $"<p>Comment {x.Id}</p>", Status = x.Status, CreatedAt = now.AddDays(-1),
        }));
        db.Reactions.AddRange(c.Reactions.Select(r => new Reaction
        {
            Id = r.Id, OrganizationId = r.OrganizationId, SphereId = r.SphereId, PostId = r.PostId, TargetId = r.TargetId, UserId = r.UserId,
            Kind = r.Kind, CreatedAt = now.AddHours(-2),
        }));
        db.ReadMarkers.AddRange(c.ReadMarkers.Select(m => new ReadMarker
        {
            Id = Guid.CreateVersion7(), OrganizationId = m.OrganizationId, SphereId = m.SphereId, UserId = m.UserId, ReadUpTo = m.ReadUpTo, UpdatedAt = now,
        }));
        db.Notifications.AddRange(c.Notifications.Select(n => new Notification
        {
            Id = n.Id, UserId = n.UserId, Kind = n.Kind, OrganizationId = n.OrganizationId, SphereId = n.SphereId, PostId = n.PostId,
            CommentId = n.CommentId, SubjectId = n.SubjectId, ActorId = n.ActorId, CreatedAt = now.AddMinutes(-5),
        }));
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync();
    }

    private static string Body(ModelPost p) => $"Post {p.Id}{string.Concat(p.Tags.Select(t => $" #{t}"))}";
}
