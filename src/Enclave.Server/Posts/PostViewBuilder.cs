using Enclave.Server.Access;
using Enclave.Server.Accounts;
using Enclave.Server.Data;
using Enclave.Server.Posts.Attachments;
using Enclave.Server.Spheres;
using Enclave.Server.Verification;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Posts;

/// <summary>What a post's response needs to know about its sphere and the viewer's rights there.</summary>
public sealed record PostContext(string SphereName, Guid OrganizationId, string OrganizationName, bool IsStaff, bool CanComment, bool PersonalOrganization)
{
    public static PostContext From(SphereAccess a) => new(a.Sphere.Name, a.Sphere.OrganizationId, a.Organization.Name, a.ActsAsStaff, a.CanComment, a.Organization.IsPersonal);
}

/// <summary>
/// Turns a page of posts into responses with a fixed number of queries (authors, tags, reactions,
/// recipients, attachments, names), whatever the page size: no query per post.
/// </summary>
public sealed class PostViewBuilder(EnclaveDb db, Tools.PostTools tools)
{
    public async Task<List<PostResponse>> BuildAsync(IReadOnlyList<Post> posts, Viewer viewer, IReadOnlyDictionary<Guid, PostContext> contexts, CancellationToken cancellationToken)
    {
        if (posts.Count == 0) return [];
        var ids = posts.Select(p => p.Id).ToList();
        var authorIds = posts.Select(p => p.AuthorId).Distinct().ToList();
        var authors = await db.Users.AsNoTracking().Where(u => authorIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, cancellationToken);
        var tags = (await db.PostTags.AsNoTracking().Where(t => ids.Contains(t.PostId)).Select(t => new { t.PostId, t.Tag }).ToListAsync(cancellationToken))
            .ToLookup(t => t.PostId, t => t.Tag);
        var reactions = await ReactionsAsync(ids, viewer, cancellationToken);
        var privateIds = posts.Where(p => p.IsPrivate).Select(p => p.Id).ToList();
        var recipients = privateIds.Count == 0 ? Enumerable.Empty<PostRecipient>().ToLookup(r => r.PostId, r => r.UserId)
            : (await db.PostRecipients.AsNoTracking().Where(r => privateIds.Contains(r.PostId)).ToListAsync(cancellationToken)).ToLookup(r => r.PostId, r => r.UserId);
        var attachments = await PostAttachments.ForPostsAsync(db, ids, cancellationToken);
        var organizations = contexts.Values.DistinctBy(c => c.OrganizationId).ToDictionary(c => c.OrganizationId, c => (c.OrganizationName, c.PersonalOrganization));
        var provenance = await AuthorProvenances.LoadAsync(db, authors, organizations, cancellationToken);
        var cards = await tools.CardsAsync(posts, viewer, cancellationToken);
        return posts.Select(p =>
        {
            var a = contexts[p.SphereId];
            var mine = viewer.UserId == p.AuthorId;
            var permissions = new PostPermissions(mine, mine || a.IsStaff, a.IsStaff && p.FeedKey is not null, a.CanComment, a.CanComment);
            return new PostResponse(p.Id, p.SphereId, a.SphereName, a.OrganizationId, a.OrganizationName, UserSummary.From(authors[p.AuthorId]),
                p.Body, p.BodyHtml, p.Style, p.IsPrivate, p.IsPrivate ? recipients[p.Id].ToList() : null, tags[p.Id].Order(StringComparer.Ordinal).ToList(),
                p.CreatedAt, p.PublishedAt, p.FeedKey is null ? p.PublishAt : null, p.DeleteAt, p.EditedAt, p.PinnedAt, p.CommentCount,
                reactions[p.Id], p.CopiedFromPostId, permissions, attachments[p.Id].ToList(), provenance(p.AuthorId, a.OrganizationId),
                cards.GetValueOrDefault(p.Id));
        }).ToList();
    }

    /// <summary>Counts per kind for each target, and whether the viewer is among them.</summary>
    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<ReactionCount>>> ReactionsAsync(IReadOnlyList<Guid> targetIds, Viewer viewer, CancellationToken cancellationToken)
    {
        var counts = await db.Reactions.AsNoTracking().Where(r => targetIds.Contains(r.TargetId))
            .GroupBy(r => new { r.TargetId, r.Kind })
            .Select(g => new { g.Key.TargetId, g.Key.Kind, Count = g.Count(), Mine = g.Any(r => r.UserId == viewer.UserId) })
            .ToListAsync(cancellationToken);
        var byTarget = counts.ToLookup(c => c.TargetId);
        return targetIds.ToDictionary(id => id, id => (IReadOnlyList<ReactionCount>)byTarget[id]
            .OrderBy(c => c.Kind).Select(c => new ReactionCount(c.Kind, c.Count, c.Mine)).ToList());
    }

    public async Task<PostResponse> BuildOneAsync(Post post, SphereAccess access, Viewer viewer, CancellationToken cancellationToken) =>
        (await BuildAsync([post], viewer, new Dictionary<Guid, PostContext> { [post.SphereId] = PostContext.From(access) }, cancellationToken))[0];
}
