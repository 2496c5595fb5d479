using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Posts;

/// <summary>Reactions on posts and comments: one of each kind per person, enforced by a unique index.</summary>
public static class ReactionEndpoints
{
    public static void MapReactions(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("").WithTags("Reactions");
        group.MapPost("/posts/{id:guid}/reactions/{kind}", (Guid id, string kind, Viewer viewer, AccessGate gate, EnclaveDb db, PostViewBuilder views, PostEvents events, TimeProvider clock, CancellationToken ct) =>
            ReactAsync(id, null, kind, viewer, gate, db, views, events, clock, ct));
        group.MapDelete("/posts/{id:guid}/reactions/{kind}", (Guid id, string kind, Viewer viewer, AccessGate gate, EnclaveDb db, PostViewBuilder views, PostEvents events, CancellationToken ct) =>
            UnreactAsync(id, null, kind, viewer, gate, db, views, events, ct));
        group.MapPost("/comments/{id:guid}/reactions/{kind}", async (Guid id, string kind, Viewer viewer, AccessGate gate, EnclaveDb db, PostViewBuilder views, PostEvents events, TimeProvider clock, CancellationToken ct) =>
            await ReactAsync(await PostOfCommentAsync(db, id, ct), id, kind, viewer, gate, db, views, events, clock, ct));
        group.MapDelete("/comments/{id:guid}/reactions/{kind}", async (Guid id, string kind, Viewer viewer, AccessGate gate, EnclaveDb db, PostViewBuilder views, PostEvents events, CancellationToken ct) =>
            await UnreactAsync(await PostOfCommentAsync(db, id, ct), id, kind, viewer, gate, db, views, events, ct));
    }

    internal static async Task<Guid> PostOfCommentAsync(EnclaveDb db, Guid commentId, CancellationToken cancellationToken) =>
        await db.Comments.Where(c => c.Id == commentId).Select(c => (Guid?)c.PostId).FirstOrDefaultAsync(cancellationToken) ?? throw ProblemException.NotFound("comment");

    private static ReactionKind ParseKind(string kind) =>
        Enum.TryParse<ReactionKind>(kind, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(kind, out _)
            ? parsed
            : throw new ProblemException(400, "unknown_reaction", "Unknown reaction.", new Dictionary<string, string[]>
                { ["kind"] = [$"must be one of: {string.Join(", ", Enum.GetNames<ReactionKind>().Select(n => n.ToLowerInvariant()))}."] });

    internal static async Task<Created<IReadOnlyList<ReactionCount>>> ReactAsync(Guid postId, Guid? commentId, string kind, Viewer viewer, AccessGate gate, EnclaveDb db, PostViewBuilder views, PostEvents events, TimeProvider clock, CancellationToken cancellationToken)
    {
        var reaction = ParseKind(kind);
        var (access, post) = await gate.PostAsync(viewer, postId, cancellationToken);
        if (!access.CanComment) throw ProblemException.Forbidden("cannot_react", "Only the sphere's members react.");
        await Moderation.Mutes.ThrowIfMutedAsync(db, clock, access.Sphere.Id, viewer.Id, cancellationToken);
        var targetId = await TargetAsync(db, post, commentId, viewer, access, cancellationToken);
        var userId = viewer.Id;
        if (await db.Reactions.AnyAsync(r => r.TargetId == targetId && r.UserId == userId && r.Kind == reaction, cancellationToken))
            throw ProblemException.Conflict("already_reacted", "You already reacted this way.");
        db.Reactions.Add(new Reaction { Id = Ids.New(), OrganizationId = post.OrganizationId, SphereId = post.SphereId, PostId = post.Id, TargetId = targetId, UserId = userId, Kind = reaction, CreatedAt = clock.GetUtcNow().UtcDateTime });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A concurrent identical click won the unique index.
            throw ProblemException.Conflict("already_reacted", "You already reacted this way.");
        }
        await events.ReactionChangedAsync(post, targetId, cancellationToken);
        var counts = await views.ReactionsAsync([targetId], viewer, cancellationToken);
        return TypedResults.Created($"/api/v1/{(commentId is null ? "posts" : "comments")}/{targetId}/reactions/{kind}", counts[targetId]);
    }

    internal static async Task<Ok<IReadOnlyList<ReactionCount>>> UnreactAsync(Guid postId, Guid? commentId, string kind, Viewer viewer, AccessGate gate, EnclaveDb db, PostViewBuilder views, PostEvents events, CancellationToken cancellationToken)
    {
        var reaction = ParseKind(kind);
        var (access, post) = await gate.PostAsync(viewer, postId, cancellationToken);
        var targetId = await TargetAsync(db, post, commentId, viewer, access, cancellationToken);
        var userId = viewer.Id;
        if (await db.Reactions.Where(r => r.TargetId == targetId && r.UserId == userId && r.Kind == reaction).ExecuteDeleteAsync(cancellationToken) == 0)
            throw ProblemException.NotFound("reaction");
        await events.ReactionChangedAsync(post, targetId, cancellationToken);
        var counts = await views.ReactionsAsync([targetId], viewer, cancellationToken);
        return TypedResults.Ok(counts[targetId]);
    }

    internal static async Task<Guid> TargetAsync(EnclaveDb db, Post post, Guid? commentId, Viewer viewer, SphereAccess access, CancellationToken cancellationToken)
    {
        if (commentId is not { } id) return post.Id;
        var comment = await db.Comments.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id && c.PostId == post.Id, cancellationToken) ?? throw ProblemException.NotFound("comment");
        if (!CommentEndpoints.CanSee(comment, viewer, access)) throw ProblemException.NotFound("comment");
        return comment.Id;
    }
}
