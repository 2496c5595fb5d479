using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Posts.Attachments;
using Enclave.Server.Ui;
using Enclave.Server.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Enclave.Server.Posts.Pages;

/// <summary>
/// The web pages' actions on posts and comments. Each calls the API's own handler (same gate, same
/// rules) and then either redirects back or, for an enhanced form, answers the re-rendered post.
/// </summary>
public static class PostActions
{
    public static void MapPostActions(this RouteGroupBuilder ui)
    {
        ui.MapGet("/fragments/posts/{id:guid}", Fragment);
        ui.MapGet("/fragments/posts/{id:guid}/comments", CommentsFragment);
        ui.MapPost("/posts/{id:guid}/react", React);
        ui.MapPost("/posts/{id:guid}/pin", (Guid id, [FromForm] string? returnUrl, Viewer viewer, AccessGate gate, EnclaveDb db, PostViewBuilder views, PostEvents events, TimeProvider clock, HttpContext http, CancellationToken ct) =>
            PinAsync(id, true, returnUrl, viewer, gate, db, views, events, clock, http, ct));
        ui.MapPost("/posts/{id:guid}/unpin", (Guid id, [FromForm] string? returnUrl, Viewer viewer, AccessGate gate, EnclaveDb db, PostViewBuilder views, PostEvents events, TimeProvider clock, HttpContext http, CancellationToken ct) =>
            PinAsync(id, false, returnUrl, viewer, gate, db, views, events, clock, http, ct));
        ui.MapPost("/posts/{id:guid}/delete", Delete);
        ui.MapPost("/posts/{id:guid}/comments", Comment);
        ui.MapPost("/comments/{id:guid}/delete", DeleteComment);
        ui.MapPost("/comments/{id:guid}/approve", ApproveComment);
        ui.MapPost("/feed/read", async (Viewer viewer, AccessGate gate, ReadMarkers markers, Live.LivePublisher live, HttpContext http, CancellationToken ct) =>
        {
            await FeedEndpoints.ReadAll(viewer, gate, markers, live, ct);
            return UiActions.Back(http, "/");
        });
        ui.MapPost("/spheres/{id:guid}/read", async (Guid id, [FromForm] string? returnUrl, Viewer viewer, AccessGate gate, ReadMarkers markers, Live.LivePublisher live, HttpContext http, CancellationToken ct) =>
        {
            await FeedEndpoints.ReadSphere(id, null, viewer, gate, markers, live, ct);
            return UiActions.Back(http, returnUrl ?? $"/s/{id}");
        });
    }

    /// <summary>One post as HTML, through the gate (404 otherwise): for live updates and enhanced forms.</summary>
    internal static async Task<IResult> Fragment(Guid id, bool? showSphere, string? returnUrl, Viewer viewer, AccessGate gate, PostViewBuilder views, CancellationToken cancellationToken)
    {
        var post = (await PostEndpoints.Get(id, viewer, gate, views, cancellationToken)).Value!;
        return Card(post, showSphere == true, returnUrl);
    }

    internal static async Task<IResult> CommentsFragment(Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, PostViewBuilder views, CancellationToken cancellationToken)
    {
        var post = (await PostEndpoints.Get(id, viewer, gate, views, cancellationToken)).Value!;
        var comments = await CommentPages.AllAsync(id, viewer, gate, db, views, cancellationToken);
        return new RazorComponentResult<CommentList>(new { Post = post, Comments = comments });
    }

    private static RazorComponentResult<PostCard> Card(PostResponse post, bool showSphere, string? returnUrl) =>
        new(new { Post = post, ShowSphere = showSphere, ReturnUrl = UiActions.LocalUrl(returnUrl ?? $"/s/{post.SphereId}") });

    private static async Task<IResult> AfterAsync(Guid postId, string? returnUrl, Viewer viewer, AccessGate gate, PostViewBuilder views, HttpContext http, CancellationToken cancellationToken)
    {
        if (!UiActions.IsEnhanced(http)) return UiActions.Back(http, returnUrl);
        var post = (await PostEndpoints.Get(postId, viewer, gate, views, cancellationToken)).Value!;
        return Card(post, returnUrl is "/" or null, returnUrl);
    }

    /// <summary>A reaction button toggles: the first click adds it, the next removes it.</summary>
    private static async Task<IResult> React(Guid id, [FromForm] string? kind, [FromForm] string? returnUrl, Viewer viewer, AccessGate gate, EnclaveDb db,
        PostViewBuilder views, PostEvents events, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        try
        {
            await ReactionEndpoints.ReactAsync(id, null, kind ?? "", viewer, gate, db, views, events, clock, cancellationToken);
        }
        catch (ProblemException problem) when (problem.Code == "already_reacted")
        {
            await ReactionEndpoints.UnreactAsync(id, null, kind ?? "", viewer, gate, db, views, events, cancellationToken);
        }
        return await AfterAsync(id, returnUrl, viewer, gate, views, http, cancellationToken);
    }

    private static async Task<IResult> PinAsync(Guid id, bool pin, string? returnUrl, Viewer viewer, AccessGate gate, EnclaveDb db, PostViewBuilder views, PostEvents events, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        await PostEndpoints.Pin(id, pin, viewer, gate, db, views, events, clock, cancellationToken);
        return await AfterAsync(id, returnUrl, viewer, gate, views, http, cancellationToken);
    }

    private static async Task<IResult> Delete(Guid id, [FromForm] string? returnUrl, Viewer viewer, AccessGate gate, EnclaveDb db, PostAttachments attachments, PostEvents events, HttpContext http, CancellationToken cancellationToken)
    {
        await PostEndpoints.Delete(id, viewer, gate, db, attachments, events, cancellationToken);
        return UiActions.IsEnhanced(http) ? TypedResults.Content("", "text/html") : UiActions.Back(http, returnUrl, "Post deleted.");
    }

    private static async Task<IResult> Comment(Guid id, [FromForm] string? body, [FromForm] string? returnUrl, Viewer viewer, AccessGate gate, EnclaveDb db,
        PostService posts, PostViewBuilder views, PostEvents events, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var created = (await CommentEndpoints.Create(id, new CreateCommentRequest(body), viewer, gate, db, posts, views, events, clock, cancellationToken)).Value!;
        var flash = created.Status == CommentStatus.AwaitingApproval ? "Your comment waits for the approval of the sphere's staff." : null;
        if (UiActions.IsEnhanced(http)) return await CommentsFragment(id, viewer, gate, db, views, cancellationToken);
        return UiActions.Back(http, $"{UiActions.LocalUrl(returnUrl ?? $"/p/{id}").Split('#')[0]}#comment-{created.Id}", flash);
    }

    private static async Task<IResult> DeleteComment(Guid id, [FromForm] string? returnUrl, Viewer viewer, AccessGate gate, EnclaveDb db, PostViewBuilder views, PostEvents events, HttpContext http, CancellationToken cancellationToken)
    {
        var postId = await ReactionEndpoints.PostOfCommentAsync(db, id, cancellationToken);
        await CommentEndpoints.Delete(id, viewer, gate, db, events, cancellationToken);
        if (UiActions.IsEnhanced(http)) return await CommentsFragment(postId, viewer, gate, db, views, cancellationToken);
        return UiActions.Back(http, returnUrl ?? $"/p/{postId}");
    }

    private static async Task<IResult> ApproveComment(Guid id, [FromForm] string? returnUrl, Viewer viewer, AccessGate gate, EnclaveDb db, PostViewBuilder views, PostEvents events, HttpContext http, CancellationToken cancellationToken)
    {
        var postId = await ReactionEndpoints.PostOfCommentAsync(db, id, cancellationToken);
        await CommentEndpoints.Approve(id, viewer, gate, db, views, events, cancellationToken);
        if (UiActions.IsEnhanced(http)) return await CommentsFragment(postId, viewer, gate, db, views, cancellationToken);
        return UiActions.Back(http, returnUrl ?? $"/p/{postId}");
    }
}
