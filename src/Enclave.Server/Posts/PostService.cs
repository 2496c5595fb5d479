using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Posts.Attachments;
using Enclave.Server.Posts.Rendering;
using Enclave.Server.Spheres;
using Enclave.Server.Web;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Posts;

/// <summary>Writing posts: who may publish what, mentions, tags, private recipients, scheduling, edits with history.</summary>
public sealed class PostService(EnclaveDb db, AccessGate gate, TimeProvider clock, PostAttachments attachments, Tools.PostTools tools)
{
    public static readonly TimeSpan MaxScheduleAhead = TimeSpan.FromDays(366);

    public async Task<Post> CreateAsync(SphereAccess access, Viewer viewer, CreatePostRequest request, Guid? copiedFrom, CancellationToken cancellationToken)
    {
        var authorId = viewer.Id;
        var now = clock.GetUtcNow().UtcDateTime;
        var isPrivate = request.Private ?? (request.RecipientIds is { Count: > 0 });
        var v = Body(new Validation(), "body", request.Body);
        if (isPrivate && request.RecipientIds is not { Count: > 0 }) v.Add("recipientIds", "a private post needs at least one recipient.");
        if (!isPrivate && request.RecipientIds is { Count: > 0 }) v.Add("recipientIds", "only private posts have recipients.");
        if (request.RecipientIds is { Count: > PostRules.MaxRecipients }) v.Add("recipientIds", $"at most {PostRules.MaxRecipients} recipients.");
        if (request.PublishAt is { } publishAt && (publishAt.ToUniversalTime() <= now || publishAt.ToUniversalTime() > now + MaxScheduleAhead))
            v.Add("publishAt", "must be in the future, within a year.");
        if (request.DeleteAt is { } deleteAt && deleteAt.ToUniversalTime() <= (request.PublishAt?.ToUniversalTime() ?? now))
            v.Add("deleteAt", "must be after the publication.");
        v.ThrowIfAny();

        var recipients = (request.RecipientIds ?? []).Where(id => id != authorId).Distinct().ToList();
        var members = await gate.MembersAmongAsync(access, recipients, cancellationToken);
        var strangers = recipients.Where(id => !members.ContainsKey(id)).ToList();
        if (strangers.Count > 0)
            throw ProblemException.Unprocessable("recipient_not_member", "Private posts go to members of this sphere only.",
                new Dictionary<string, string[]> { ["recipientIds"] = strangers.Select(s => $"{s} is not a member of this sphere.").ToArray() });
        RequireMayPublish(access, isPrivate, members.Values);
        await Moderation.Mutes.ThrowIfMutedAsync(db, clock, access.Sphere.Id, authorId, cancellationToken);
        var attachmentIds = await attachments.RequireAttachableAsync(access.Sphere.Id, authorId, request.AttachmentIds, cancellationToken);
        var tool = await tools.RequireAttachableAsync(access, authorId, request.Tool, cancellationToken);

        var body = request.Body!.Trim();
        var post = new Post
        {
            Id = Ids.New(), OrganizationId = access.Sphere.OrganizationId, SphereId = access.Sphere.Id, AuthorId = authorId,
            Body = body, BodyHtml = "", Style = request.Style ?? PostStyle.Information, IsPrivate = isPrivate, CreatedAt = now,
            PublishAt = request.PublishAt?.ToUniversalTime(), DeleteAt = request.DeleteAt?.ToUniversalTime(),
            CopiedFromPostId = copiedFrom, ToolKind = tool?.Kind, ToolItemId = tool?.Id,
        };
        if (post.PublishAt is null)
        {
            post.PublishedAt = now;
            post.FeedKey = Ids.New();
        }
        var references = MarkdownRenderer.Extract(body);
        post.BodyHtml = MarkdownRenderer.Render(body, await ResolveAsync(access, references, isPrivate ? [.. recipients, authorId] : null, cancellationToken));
        db.Posts.Add(post);
        foreach (var recipient in recipients)
            db.PostRecipients.Add(new PostRecipient { Id = Ids.New(), OrganizationId = post.OrganizationId, SphereId = post.SphereId, PostId = post.Id, UserId = recipient });
        AddTags(post, references.Tags);
        // One transaction: the post and the claim on its uploads stand or fall together.
        await db.InTransactionAsync(() => attachments.SaveWithAsync(post, attachmentIds, cancellationToken), cancellationToken);
        return post;
    }

    /// <summary>
    /// Staff always publish; members too, except in restricted spheres where they may only write
    /// privately to staff; visitors never publish.
    /// </summary>
    private static void RequireMayPublish(SphereAccess access, bool isPrivate, IEnumerable<SphereRole> recipientRoles)
    {
        if (access.CanPost) return;
        var privateToStaff = isPrivate && access.Sphere.Type == SphereType.Restricted && access.Role == SphereRole.Member && !access.CharterPending &&
            recipientRoles.All(r => r is SphereRole.Administrator or SphereRole.Publisher);
        if (privateToStaff) return;
        if (!access.IsMember || access.CharterPending) throw ProblemException.NotFound("sphere");
        throw ProblemException.Forbidden("cannot_post", access.Sphere.Type == SphereType.Restricted
            ? "In a restricted sphere only its staff publish; you can comment, or write privately to the staff."
            : "You cannot publish in this sphere.");
    }

    public async Task<Post> EditAsync(Post post, SphereAccess access, Viewer viewer, UpdatePostRequest request, CancellationToken cancellationToken)
    {
        if (viewer.Id != post.AuthorId) throw ProblemException.Forbidden("not_author", "Only the author can edit a post.");
        var v = new Validation();
        if (request.Body is not null) Body(v, "body", request.Body);
        if (request.Body is null && request.Style is null) v.Add("body", "give a new body or style.");
        v.ThrowIfAny();
        var tracked = await db.Posts.FirstAsync(p => p.Id == post.Id, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        db.PostRevisions.Add(new PostRevision
        {
            Id = Ids.New(), OrganizationId = tracked.OrganizationId, SphereId = tracked.SphereId, PostId = tracked.Id,
            Body = tracked.Body, Style = tracked.Style, AuthorId = tracked.AuthorId, WrittenAt = tracked.EditedAt ?? tracked.CreatedAt,
        });
        if (request.Style is { } style) tracked.Style = style;
        if (request.Body is not null)
        {
            tracked.Body = request.Body.Trim();
            var references = MarkdownRenderer.Extract(tracked.Body);
            var readers = tracked.IsPrivate
                ? [.. await db.PostRecipients.Where(r => r.PostId == tracked.Id).Select(r => r.UserId).ToListAsync(cancellationToken), tracked.AuthorId]
                : (List<Guid>?)null;
            tracked.BodyHtml = MarkdownRenderer.Render(tracked.Body, await ResolveAsync(access, references, readers, cancellationToken));
            await db.PostTags.Where(t => t.PostId == tracked.Id).ExecuteDeleteAsync(cancellationToken);
            AddTags(tracked, references.Tags);
        }
        tracked.EditedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return tracked;
    }

    private void AddTags(Post post, IEnumerable<string> tags)
    {
        foreach (var tag in tags.Take(20))
            db.PostTags.Add(new PostTag { Id = Ids.New(), OrganizationId = post.OrganizationId, SphereId = post.SphereId, PostId = post.Id, Tag = tag });
    }

    /// <summary>
    /// Mentions resolve only to people who will see the post (the sphere's members; for a private
    /// post its readers) and to the sphere's groups. Others stay plain text.
    /// </summary>
    private async Task<ResolvedMentions> ResolveAsync(SphereAccess access, BodyReferences references, IReadOnlyCollection<Guid>? readers, CancellationToken cancellationToken)
    {
        var users = new Dictionary<string, Guid>();
        if (references.UserNames.Count > 0)
        {
            var names = references.UserNames.ToList();
            var candidates = await db.Users.AsNoTracking().Where(u => names.Contains(u.NormalizedUserName) && u.ClosedAt == null)
                .Select(u => new { u.Id, u.NormalizedUserName }).ToListAsync(cancellationToken);
            var members = await gate.MembersAmongAsync(access, candidates.Select(c => c.Id).ToList(), cancellationToken);
            foreach (var c in candidates.Where(c => members.ContainsKey(c.Id) && (readers is null || readers.Contains(c.Id))))
                users[c.NormalizedUserName] = c.Id;
        }
        var groups = new Dictionary<string, Guid>();
        if (references.GroupHandles.Count > 0)
        {
            var handles = references.GroupHandles.ToList();
            var sphereId = access.Sphere.Id;
            foreach (var g in await db.SphereGroups.AsNoTracking().Where(g => g.SphereId == sphereId && handles.Contains(g.Handle)).ToListAsync(cancellationToken))
                groups[g.Handle] = g.Id;
        }
        return new ResolvedMentions(users, groups);
    }

    /// <summary>
    /// What a post would look like, without writing anything: the same renderer, sanitizer and
    /// mention resolution as <see cref="CreateAsync"/> (for a private draft, mentions resolve among its recipients).
    /// </summary>
    public async Task<string> PreviewAsync(SphereAccess access, Viewer viewer, PreviewRequest request, CancellationToken cancellationToken)
    {
        Body(new Validation(), "body", request.Body).ThrowIfAny();
        var recipients = request.RecipientIds is { Count: > 0 } ids ? ids.Where(id => id != viewer.Id).Distinct().Take(PostRules.MaxRecipients).ToList() : null;
        var body = request.Body!.Trim();
        return MarkdownRenderer.Render(body, await ResolveAsync(access, MarkdownRenderer.Extract(body), recipients is null ? null : [.. recipients, viewer.Id], cancellationToken));
    }

    /// <summary>Renders a comment or post body with the mentions resolved for the post's readers.</summary>
    public async Task<string> RenderAsync(SphereAccess access, Post post, string body, CancellationToken cancellationToken)
    {
        var readers = post.IsPrivate
            ? [.. await db.PostRecipients.Where(r => r.PostId == post.Id).Select(r => r.UserId).ToListAsync(cancellationToken), post.AuthorId]
            : (List<Guid>?)null;
        return MarkdownRenderer.Render(body, await ResolveAsync(access, MarkdownRenderer.Extract(body), readers, cancellationToken));
    }

    public static Validation Body(Validation v, string field, string? body)
    {
        if (string.IsNullOrWhiteSpace(body)) return v.Add(field, "is required.");
        if (body.Length > PostRules.MaxBodyLength) v.Add(field, $"must be at most {PostRules.MaxBodyLength} characters.");
        return v;
    }
}
