using Enclave.Server.Access;
using Enclave.Server.Accounts;
using Enclave.Server.Data;
using Enclave.Server.Spheres;
using Enclave.Server.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Posts;

/// <summary>Comments (one level). In forum spheres, comments by non-staff wait in an approval queue for the sphere's staff.</summary>
public static class CommentEndpoints
{
    public static void MapComments(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("").WithTags("Comments");
        group.MapPost("/posts/{id:guid}/comments", Create);
        group.MapGet("/posts/{id:guid}/comments", List);
        group.MapPatch("/comments/{id:guid}", Update);
        group.MapDelete("/comments/{id:guid}", Delete);
        group.MapPost("/comments/{id:guid}/approve", Approve);
        group.MapGet("/spheres/{id:guid}/comments/awaiting-approval", Queue);
    }

    /// <summary>Comments waiting for approval are seen by their author and the sphere's staff only.</summary>
    public static bool CanSee(Comment comment, Viewer viewer, SphereAccess access) =>
        (comment.HiddenAt is null || access.ActsAsStaff) &&
        (comment.Status == CommentStatus.Published || comment.AuthorId == viewer.UserId || access.ActsAsStaff);

    internal static async Task<Created<CommentResponse>> Create(Guid id, CreateCommentRequest request, Viewer viewer, AccessGate gate, EnclaveDb db, PostService posts, PostViewBuilder views, PostEvents events, TimeProvider clock, CancellationToken cancellationToken)
    {
        PostService.Body(new Validation(), "body", request.Body).ThrowIfAny();
        var (access, post) = await gate.PostAsync(viewer, id, cancellationToken);
        var comment = await WriteAsync(access, post, viewer, request.Body!, db, posts, clock, cancellationToken);
        await events.CommentCreatedAsync(post, comment, cancellationToken);
        return TypedResults.Created($"/api/v1/comments/{comment.Id}", await ViewAsync(db, views, comment, viewer, access, cancellationToken));
    }

    /// <summary>
    /// Writes a comment on a post the viewer sees: it waits for approval in a forum unless its author
    /// is staff, and counts on the post once published. The caller announces it (<see cref="PostEvents"/>).
    /// </summary>
    public static async Task<Comment> WriteAsync(SphereAccess access, Post post, Viewer viewer, string body, EnclaveDb db, PostService posts, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!access.CanComment) throw ProblemException.Forbidden("cannot_comment", "Only the sphere's members comment.");
        await Moderation.Mutes.ThrowIfMutedAsync(db, clock, access.Sphere.Id, viewer.Id, cancellationToken);
        if (post.FeedKey is null) throw ProblemException.Conflict("not_published", "Comments open when the post is published.");
        body = body.Trim();
        var status = access.Sphere.Type == SphereType.Forum && !access.IsStaff ? CommentStatus.AwaitingApproval : CommentStatus.Published;
        var comment = new Comment
        {
            Id = Ids.New(), OrganizationId = post.OrganizationId, SphereId = post.SphereId, PostId = post.Id, AuthorId = viewer.Id,
            Body = body, BodyHtml = await posts.RenderAsync(access, post, body, cancellationToken), Status = status, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        await db.InTransactionAsync(async () =>
        {
            db.Comments.Add(comment);
            if (status == CommentStatus.Published)
                await db.Posts.Where(p => p.Id == post.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.CommentCount, p => p.CommentCount + 1), cancellationToken);
        }, cancellationToken);
        return comment;
    }

    internal static async Task<Ok<Page<CommentResponse>>> List(Guid id, string? cursor, int? limit, Viewer viewer, AccessGate gate, EnclaveDb db, PostViewBuilder views, CancellationToken cancellationToken)
    {
        var (access, _) = await gate.PostAsync(viewer, id, cancellationToken);
        var userId = viewer.UserId;
        var query = db.Comments.AsNoTracking().Where(c => c.PostId == id);
        if (!access.ActsAsStaff) query = query.Where(c => c.HiddenAt == null && (c.Status == CommentStatus.Published || c.AuthorId == userId));
        var page = await query.ToPageAsync(c => c.Id, cursor, limit, c => c, cancellationToken);
        return TypedResults.Ok(new Page<CommentResponse>(await ViewsAsync(db, views, page.Items, viewer, access, cancellationToken), page.NextCursor));
    }

    internal static async Task<Ok<CommentResponse>> Update(Guid id, CreateCommentRequest request, Viewer viewer, AccessGate gate, EnclaveDb db, PostService posts, PostViewBuilder views, PostEvents events, TimeProvider clock, CancellationToken cancellationToken)
    {
        PostService.Body(new Validation(), "body", request.Body).ThrowIfAny();
        var (access, comment) = await FindAsync(id, viewer, gate, db, cancellationToken);
        if (comment.AuthorId != viewer.Id) throw ProblemException.Forbidden("not_author", "Only the author can edit a comment.");
        var tracked = await db.Comments.FirstAsync(c => c.Id == id, cancellationToken);
        tracked.Body = request.Body!.Trim();
        var post = await db.Posts.AsNoTracking().FirstAsync(p => p.Id == tracked.PostId, cancellationToken);
        tracked.BodyHtml = await posts.RenderAsync(access, post, tracked.Body, cancellationToken);
        tracked.EditedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        if (tracked.Status == CommentStatus.Published) await events.CommentChangedAsync("comment.updated", post, tracked.Id, cancellationToken);
        return TypedResults.Ok(await ViewAsync(db, views, tracked, viewer, access, cancellationToken));
    }

    internal static async Task<NoContent> Delete(Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, PostEvents events, CancellationToken cancellationToken)
    {
        var (access, comment) = await FindAsync(id, viewer, gate, db, cancellationToken);
        if (comment.AuthorId != viewer.Id && !access.ActsAsStaff) throw ProblemException.Forbidden("cannot_delete", "Only the author and the sphere's staff can delete a comment.");
        await db.InTransactionAsync(async () =>
        {
            await db.Reactions.Where(r => r.TargetId == id).ExecuteDeleteAsync(cancellationToken);
            await db.Comments.Where(c => c.Id == id).ExecuteDeleteAsync(cancellationToken);
            if (comment.Status == CommentStatus.Published)
                await db.Posts.Where(p => p.Id == comment.PostId).ExecuteUpdateAsync(s => s.SetProperty(p => p.CommentCount, p => p.CommentCount - 1), cancellationToken);
        }, cancellationToken);
        if (comment.Status == CommentStatus.Published)
            await events.CommentChangedAsync("comment.deleted", await db.Posts.AsNoTracking().FirstAsync(p => p.Id == comment.PostId, cancellationToken), id, cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<Ok<CommentResponse>> Approve(Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, PostViewBuilder views, PostEvents events, CancellationToken cancellationToken)
    {
        var (access, comment) = await FindAsync(id, viewer, gate, db, cancellationToken);
        if (!access.ActsAsStaff) throw ProblemException.Forbidden("not_staff", "Only the sphere's staff approve comments.");
        await db.InTransactionAsync(async () =>
        {
            var approved = await db.Comments.Where(c => c.Id == id && c.Status == CommentStatus.AwaitingApproval)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CommentStatus.Published), cancellationToken);
            if (approved == 0) throw ProblemException.Conflict("not_awaiting_approval", "This comment is not waiting for approval.");
            await db.Posts.Where(p => p.Id == comment.PostId).ExecuteUpdateAsync(s => s.SetProperty(p => p.CommentCount, p => p.CommentCount + 1), cancellationToken);
        }, cancellationToken);
        comment.Status = CommentStatus.Published;
        var post = await db.Posts.AsNoTracking().FirstAsync(p => p.Id == comment.PostId, cancellationToken);
        await events.CommentChangedAsync("comment.created", post, comment.Id, cancellationToken);
        await events.CommentPublishedAsync(post, comment, await events.AudienceAsync(post, cancellationToken), cancellationToken);
        return TypedResults.Ok(await ViewAsync(db, views, comment, viewer, access, cancellationToken));
    }

    /// <summary>The forum approval queue of a sphere, oldest first, for its staff: comments on the posts they see.</summary>
    internal static async Task<Ok<Page<CommentResponse>>> Queue(Guid id, string? cursor, int? limit, Viewer viewer, AccessGate gate, EnclaveDb db, PostViewBuilder views, CancellationToken cancellationToken)
    {
        var access = await gate.SphereAsync(viewer, id, cancellationToken);
        if (!access.CanRead) throw ProblemException.NotFound("sphere");
        if (!access.ActsAsStaff) throw ProblemException.Forbidden("not_staff", "Only the sphere's staff see the approval queue.");
        // Only comments on posts the viewer sees: a comment on a private post is for that post's readers, staff or not.
        var visible = gate.VisiblePosts(viewer.UserId).Where(p => p.SphereId == id).Select(p => p.Id);
        var page = await db.Comments.AsNoTracking().Where(c => c.SphereId == id && c.Status == CommentStatus.AwaitingApproval && visible.Contains(c.PostId))
            .ToPageAsync(c => c.Id, cursor, limit, c => c, cancellationToken);
        return TypedResults.Ok(new Page<CommentResponse>(await ViewsAsync(db, views, page.Items, viewer, access, cancellationToken), page.NextCursor));
    }

    internal static async Task<(SphereAccess Access, Comment Comment)> FindAsync(Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, CancellationToken cancellationToken)
    {
        var comment = await db.Comments.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken) ?? throw ProblemException.NotFound("comment");
        SphereAccess access;
        try
        {
            (access, _) = await gate.PostAsync(viewer, comment.PostId, cancellationToken);
        }
        catch (ProblemException e) when (e.Status == 404)
        {
            throw ProblemException.NotFound("comment");
        }
        if (!CanSee(comment, viewer, access)) throw ProblemException.NotFound("comment");
        return (access, comment);
    }

    internal static async Task<CommentResponse> ViewAsync(EnclaveDb db, PostViewBuilder views, Comment comment, Viewer viewer, SphereAccess access, CancellationToken cancellationToken) =>
        (await ViewsAsync(db, views, [comment], viewer, access, cancellationToken))[0];

    internal static async Task<List<CommentResponse>> ViewsAsync(EnclaveDb db, PostViewBuilder views, IReadOnlyList<Comment> comments, Viewer viewer, SphereAccess access, CancellationToken cancellationToken)
    {
        var authorIds = comments.Select(c => c.AuthorId).Distinct().ToList();
        var authors = await db.Users.AsNoTracking().Where(u => authorIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, cancellationToken);
        var reactions = await views.ReactionsAsync(comments.Select(c => c.Id).ToList(), viewer, cancellationToken);
        var organization = access.Organization;
        var provenance = await Verification.AuthorProvenances.LoadAsync(db, authors,
            new Dictionary<Guid, (string, bool)> { [organization.Id] = (organization.Name, organization.IsPersonal) }, cancellationToken);
        return comments.Select(c => new CommentResponse(c.Id, c.PostId, UserSummary.From(authors[c.AuthorId]), c.Body, c.BodyHtml, c.Status,
            c.CreatedAt, c.EditedAt, reactions[c.Id], c.AuthorId == viewer.UserId, c.AuthorId == viewer.UserId || access.ActsAsStaff,
            provenance(c.AuthorId, organization.Id))).ToList();
    }
}
