using Enclave.Server.Access;
using Enclave.Server.Accounts;
using Enclave.Server.Data;
using Enclave.Server.Posts.Attachments;
using Enclave.Server.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Posts;

public static class PostEndpoints
{
    public static RouteGroupBuilder MapPosts(this RouteGroupBuilder api)
    {
        api.MapPost("/spheres/{id:guid}/posts", Create).WithTags("Posts");
        api.MapGet("/spheres/{id:guid}/posts", SphereFeed).WithTags("Posts");
        api.MapPost("/spheres/{id:guid}/preview", Preview).WithTags("Posts")
            .WithSummary("Render a draft's Markdown as the post would show it (sanitized, mentions resolved); writes nothing.");
        var group = api.MapGroup("/posts").WithTags("Posts");
        group.MapGet("/{id:guid}", Get);
        group.MapPatch("/{id:guid}", Update);
        group.MapDelete("/{id:guid}", Delete);
        group.MapGet("/{id:guid}/history", History);
        group.MapPost("/{id:guid}/pin", (Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, PostViewBuilder views, PostEvents events, TimeProvider clock, CancellationToken ct) =>
            Pin(id, true, viewer, gate, db, views, events, clock, ct));
        group.MapDelete("/{id:guid}/pin", (Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, PostViewBuilder views, PostEvents events, TimeProvider clock, CancellationToken ct) =>
            Pin(id, false, viewer, gate, db, views, events, clock, ct));
        group.MapPost("/{id:guid}/copy", Copy);
        return group;
    }

    /// <summary>The create call always names its sphere: there is no default audience.</summary>
    internal static async Task<Created<PostResponse>> Create(Guid id, CreatePostRequest request, Viewer viewer, AccessGate gate, PostService posts, PostViewBuilder views, PostEvents events, CancellationToken cancellationToken)
    {
        _ = viewer.Id;
        var access = await gate.SphereAsync(viewer, id, cancellationToken);
        var post = await posts.CreateAsync(access, viewer, request, null, cancellationToken);
        await events.PostCreatedAsync(post, cancellationToken);
        return TypedResults.Created($"/api/v1/posts/{post.Id}", await views.BuildOneAsync(post, access, viewer, cancellationToken));
    }

    /// <summary>Gated like posting: whoever may write in the sphere (publish, or comment) previews; others get 404.</summary>
    internal static async Task<Ok<PreviewResponse>> Preview(Guid id, PreviewRequest request, Viewer viewer, AccessGate gate, PostService posts, CancellationToken cancellationToken)
    {
        _ = viewer.Id;
        var access = await gate.SphereAsync(viewer, id, cancellationToken);
        if (!access.CanPost && !access.CanComment) throw ProblemException.NotFound("sphere");
        return TypedResults.Ok(new PreviewResponse(await posts.PreviewAsync(access, viewer, request, cancellationToken)));
    }

    /// <summary>Pinned posts first (on the first page), then newest first by publication, keyset-paginated.</summary>
    internal static async Task<Ok<SphereFeedResponse>> SphereFeed(Guid id, string? cursor, int? limit, string? tag, PostStyle? style, Viewer viewer,
        AccessGate gate, EnclaveDb db, PostViewBuilder views, CancellationToken cancellationToken)
    {
        var access = await gate.SphereAsync(viewer, id, cancellationToken);
        if (!access.CanRead) throw ProblemException.NotFound("sphere");
        var take = Paging.Limit(limit);
        var before = Paging.Decode(cursor);
        var query = gate.VisiblePosts(viewer.UserId).AsNoTracking().Where(p => p.SphereId == id);
        if (!string.IsNullOrWhiteSpace(tag))
        {
            var normalized = tag.Trim().TrimStart('#').ToLowerInvariant();
            query = query.Where(p => db.PostTags.Any(t => t.PostId == p.Id && t.Tag == normalized));
        }
        if (style is { } s) query = query.Where(p => p.Style == s);
        var stream = query.Where(p => p.PinnedAt == null);
        if (before is { } b) stream = stream.Where(p => p.FeedKey!.Value.CompareTo(b) < 0);
        stream = stream.OrderByDescending(p => p.FeedKey).Take(take + 1);
        // The first page carries the pinned posts: read with the page, in the same statement.
        var read = await (before is null ? query.Where(p => p.PinnedAt != null).OrderByDescending(p => p.PinnedAt).Take(50).Concat(stream) : stream)
            .ToListAsync(cancellationToken);
        var pinned = read.Where(p => p.PinnedAt != null).OrderByDescending(p => p.PinnedAt).ToList();
        var rows = read.Where(p => p.PinnedAt == null).OrderByDescending(p => p.FeedKey).ToList();
        var next = rows.Count > take ? Paging.Encode(rows[take - 1].FeedKey!.Value) : null;
        var contexts = new Dictionary<Guid, PostContext> { [id] = PostContext.From(access) };
        return TypedResults.Ok(new SphereFeedResponse(
            await views.BuildAsync(pinned, viewer, contexts, cancellationToken),
            await views.BuildAsync(rows.Take(take).ToList(), viewer, contexts, cancellationToken), next));
    }

    internal static async Task<Ok<PostResponse>> Get(Guid id, Viewer viewer, AccessGate gate, PostViewBuilder views, CancellationToken cancellationToken)
    {
        var (access, post) = await gate.PostAsync(viewer, id, cancellationToken);
        return TypedResults.Ok(await views.BuildOneAsync(post, access, viewer, cancellationToken));
    }

    internal static async Task<Ok<PostResponse>> Update(Guid id, UpdatePostRequest request, Viewer viewer, AccessGate gate, PostService posts, PostViewBuilder views, PostEvents events, CancellationToken cancellationToken)
    {
        var (access, post) = await gate.PostAsync(viewer, id, cancellationToken);
        var edited = await posts.EditAsync(post, access, viewer, request, cancellationToken);
        if (edited.FeedKey is not null) await events.PostChangedAsync("post.updated", edited, cancellationToken);
        return TypedResults.Ok(await views.BuildOneAsync(edited, access, viewer, cancellationToken));
    }

    /// <summary>The author, and the sphere's administrators and publishers, delete a post (with its comments, reactions and attachments).</summary>
    internal static async Task<NoContent> Delete(Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, PostAttachments attachments, PostEvents events, CancellationToken cancellationToken)
    {
        var (access, post) = await gate.PostAsync(viewer, id, cancellationToken);
        if (post.AuthorId != viewer.Id && !access.ActsAsStaff)
            throw ProblemException.Forbidden("cannot_delete", "Only the author and the sphere's staff can delete a post.");
        var audience = await events.AudienceAsync(post, cancellationToken);
        var files = await db.InTransactionAsync(async () =>
        {
            var removed = await attachments.RemoveForPostAsync(id, cancellationToken);
            await db.Posts.Where(p => p.Id == id).ExecuteDeleteAsync(cancellationToken);
            return removed;
        }, cancellationToken);
        await attachments.DeleteBlobsAsync(files, CancellationToken.None);
        if (post.FeedKey is not null) await events.PostDeletedAsync(post, audience, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>Earlier versions, oldest first, then the current one: visible to whoever sees the post.</summary>
    internal static async Task<Ok<List<PostRevisionResponse>>> History(Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, CancellationToken cancellationToken)
    {
        var (_, post) = await gate.PostAsync(viewer, id, cancellationToken);
        var revisions = await db.PostRevisions.AsNoTracking().Where(r => r.PostId == id).OrderBy(r => r.Id).ToListAsync(cancellationToken);
        var author = UserSummary.From(await db.Users.AsNoTracking().FirstAsync(u => u.Id == post.AuthorId, cancellationToken));
        var history = revisions.Select(r => new PostRevisionResponse(r.Body, r.Style, author, r.WrittenAt, false)).ToList();
        history.Add(new PostRevisionResponse(post.Body, post.Style, author, post.EditedAt ?? post.CreatedAt, true));
        return TypedResults.Ok(history);
    }

    internal static async Task<Ok<PostResponse>> Pin(Guid id, bool pin, Viewer viewer, AccessGate gate, EnclaveDb db, PostViewBuilder views, PostEvents events, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (access, post) = await gate.PostAsync(viewer, id, cancellationToken);
        if (!access.ActsAsStaff) throw ProblemException.Forbidden("not_staff", "Only the sphere's administrators and publishers pin posts.");
        if (post.FeedKey is null) throw ProblemException.Conflict("not_published", "A scheduled post can be pinned once published.");
        DateTime? pinnedAt = pin ? clock.GetUtcNow().UtcDateTime : null;
        await db.Posts.Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.PinnedAt, pinnedAt), cancellationToken);
        post.PinnedAt = pinnedAt;
        await events.PostChangedAsync(pin ? "post.pinned" : "post.unpinned", post, cancellationToken);
        return TypedResults.Ok(await views.BuildOneAsync(post, access, viewer, cancellationToken));
    }

    /// <summary>
    /// Copying is an explicit act by someone who reads the source and may publish in the target: it
    /// makes an independent public post that records where it came from. Private posts stay where they are.
    /// </summary>
    internal static async Task<Created<PostResponse>> Copy(Guid id, CopyPostRequest request, Viewer viewer, AccessGate gate, PostService posts, PostViewBuilder views, PostEvents events, CancellationToken cancellationToken)
    {
        new Validation().Require("sphereId", request.SphereId).ThrowIfAny();
        var (_, source) = await gate.PostAsync(viewer, id, cancellationToken);
        if (source.IsPrivate) throw ProblemException.Unprocessable("private_post", "A private post cannot be copied to another sphere.");
        if (source.FeedKey is null) throw ProblemException.Conflict("not_published", "A scheduled post cannot be copied before it is published.");
        if (request.SphereId == source.SphereId) Validation.Field("sphereId", "must be another sphere.");
        var target = await gate.SphereAsync(viewer, request.SphereId!.Value, cancellationToken);
        var copy = await posts.CreateAsync(target, viewer, new CreatePostRequest(source.Body, source.Style, false, null, null, null), source.Id, cancellationToken);
        await events.PostCreatedAsync(copy, cancellationToken);
        return TypedResults.Created($"/api/v1/posts/{copy.Id}", await views.BuildOneAsync(copy, target, viewer, cancellationToken));
    }
}
