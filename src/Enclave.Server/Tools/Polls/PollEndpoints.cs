using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Live;
using Enclave.Server.Posts;
using Enclave.Server.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Tools.Polls;

/// <summary>The polls API (docs/api/polls.md). Reading follows the sphere; voting is for its members; creating follows its publishing rules.</summary>
public static class PollEndpoints
{
    public const string Noun = "poll";
    public const string LiveType = "polls.changed";

    public static RouteGroupBuilder MapPolls(this RouteGroupBuilder api)
    {
        api.MapPost("/spheres/{id:guid}/polls", Create).WithTags("Polls")
            .WithSummary("Create a poll in the sphere (and, unless shareInFeed is false, a feed post carrying it).");
        api.MapGet("/spheres/{id:guid}/polls", List).WithTags("Polls")
            .WithSummary("The sphere's polls, newest first, keyset-paginated; state=open|closed filters.");
        var group = api.MapGroup("/polls").WithTags("Polls");
        group.MapGet("/{id:guid}", Get).WithSummary("One poll, with the viewer's own vote and, when allowed, its results.");
        group.MapGet("/{id:guid}/results", Results).WithSummary("The poll's results; 403 results_hidden until the viewer may see them.");
        group.MapPut("/{id:guid}/vote", Vote).WithSummary("Cast or change the viewer's vote (one per member, until the poll closes).");
        group.MapDelete("/{id:guid}/vote", Retract).WithSummary("Take the viewer's vote back while the poll is open.");
        group.MapPost("/{id:guid}/close", Close).WithSummary("Close the poll now (its author or the sphere's staff).");
        group.MapDelete("/{id:guid}", Delete).WithSummary("Delete the poll and its votes (its author or the sphere's staff).");
        return group;
    }

    internal static async Task<Created<PollResponse>> Create(Guid id, CreatePollRequest request, Viewer viewer, AccessGate gate, PollService polls,
        PollViews views, PostEvents postEvents, LivePublisher live, CancellationToken cancellationToken)
    {
        _ = viewer.Id;
        var access = await gate.ToolSphereAsync(viewer, id, "sphere", cancellationToken);
        var (poll, post) = await polls.CreateAsync(access, viewer, request, cancellationToken);
        if (post is not null) await postEvents.PostCreatedAsync(post, cancellationToken);
        await PublishAsync(live, poll);
        return TypedResults.Created($"/api/v1/polls/{poll.Id}", await views.BuildOneAsync(poll, access, viewer, cancellationToken));
    }

    internal static async Task<Ok<Page<PollResponse>>> List(Guid id, string? state, string? cursor, int? limit, Viewer viewer, AccessGate gate,
        EnclaveDb db, PollViews views, TimeProvider clock, CancellationToken cancellationToken)
    {
        var access = await gate.ToolSphereAsync(viewer, id, "sphere", cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var query = db.Set<Poll>().AsNoTracking().Where(p => p.SphereId == id);
        query = state switch
        {
            null or "" => query,
            "open" => query.Where(p => p.ClosedAt == null && (p.ClosesAt == null || p.ClosesAt > now)),
            "closed" => query.Where(p => p.ClosedAt != null || (p.ClosesAt != null && p.ClosesAt <= now)),
            _ => throw Invalid("state", "must be open or closed."),
        };
        var page = await query.ToPageAsync(p => p.Id, cursor, limit, p => p, cancellationToken, descending: true);
        return TypedResults.Ok(new Page<PollResponse>(await views.BuildAsync(page.Items, access, viewer, false, cancellationToken), page.NextCursor));
    }

    internal static async Task<Ok<PollResponse>> Get(Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, PollViews views, CancellationToken cancellationToken)
    {
        var (access, poll) = await LoadAsync(id, viewer, gate, db, false, cancellationToken);
        return TypedResults.Ok(await views.BuildOneAsync(poll, access, viewer, cancellationToken));
    }

    internal static async Task<Ok<PollResultsResponse>> Results(Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, PollViews views, CancellationToken cancellationToken)
    {
        var (access, poll) = await LoadAsync(id, viewer, gate, db, false, cancellationToken);
        var view = await views.BuildOneAsync(poll, access, viewer, cancellationToken);
        return TypedResults.Ok(view.Results ?? throw ProblemException.Forbidden("results_hidden", poll.ResultsVisibility == PollResultsVisibility.AfterVote
            ? "The results show once you have voted, or when the poll closes."
            : "The results show when the poll closes."));
    }

    internal static async Task<Ok<PollResponse>> Vote(Guid id, VoteRequest request, Viewer viewer, AccessGate gate, EnclaveDb db, PollService polls,
        PollViews views, LivePublisher live, CancellationToken cancellationToken)
    {
        var (access, poll) = await LoadAsync(id, viewer, gate, db, true, cancellationToken);
        await polls.VoteAsync(poll, viewer, request, cancellationToken);
        await PublishAsync(live, poll);
        return TypedResults.Ok(await views.BuildOneAsync(poll, access, viewer, cancellationToken));
    }

    internal static async Task<NoContent> Retract(Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, PollService polls, LivePublisher live, CancellationToken cancellationToken)
    {
        var (_, poll) = await LoadAsync(id, viewer, gate, db, true, cancellationToken);
        await polls.RetractAsync(poll, viewer, cancellationToken);
        await PublishAsync(live, poll);
        return TypedResults.NoContent();
    }

    internal static async Task<Ok<PollResponse>> Close(Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, PollService polls, PollViews views,
        LivePublisher live, CancellationToken cancellationToken)
    {
        var (access, poll) = await LoadAsync(id, viewer, gate, db, false, cancellationToken);
        await polls.CloseAsync(poll, access, viewer, cancellationToken);
        await PublishAsync(live, poll);
        var closed = await db.Set<Poll>().AsNoTracking().FirstAsync(p => p.Id == id, cancellationToken);
        return TypedResults.Ok(await views.BuildOneAsync(closed, access, viewer, cancellationToken));
    }

    internal static async Task<NoContent> Delete(Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, PollService polls, LivePublisher live, CancellationToken cancellationToken)
    {
        var (access, poll) = await LoadAsync(id, viewer, gate, db, false, cancellationToken);
        await polls.DeleteAsync(poll, access, viewer, cancellationToken);
        await PublishAsync(live, poll);
        return TypedResults.NoContent();
    }

    /// <summary>The poll by id, then the gate with the poll's own sphere: 404 for anyone who does not read it.</summary>
    internal static async Task<(SphereAccess Access, Poll Poll)> LoadAsync(Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, bool participate, CancellationToken cancellationToken)
    {
        var poll = await db.Set<Poll>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken) ?? throw ProblemException.NotFound(Noun);
        var access = participate
            ? await gate.ToolParticipantAsync(viewer, poll.SphereId, Noun, cancellationToken)
            : await gate.ToolSphereAsync(viewer, poll.SphereId, Noun, cancellationToken);
        return (access, poll);
    }

    /// <summary>
    /// Says only which poll changed: each reader's page asks again, through the gate, for what it may
    /// see. Not cancellable: the change is saved, so it is announced.
    /// </summary>
    private static Task PublishAsync(LivePublisher live, Poll poll) =>
        live.SphereEventAsync(LiveType, poll.OrganizationId, poll.SphereId, new { pollId = poll.Id, sphereId = poll.SphereId }, null, CancellationToken.None);

    private static ProblemException Invalid(string field, string message) =>
        new(StatusCodes.Status400BadRequest, "validation_failed", "One or more fields are invalid.", new Dictionary<string, string[]> { [field] = [message] });
}
