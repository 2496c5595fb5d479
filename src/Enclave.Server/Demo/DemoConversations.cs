using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Memberships;
using Enclave.Server.Posts;

namespace Enclave.Server.Demo;

/// <summary>
/// The second half of <see cref="DemoLoader"/>: posts and comments in the order they were written,
/// then reactions, the pending invitation and the pending join request. Each author acts through
/// the gate with their own rights, as a request of theirs would.
/// </summary>
public sealed class DemoConversations(EnclaveDb db, AccessGate gate, DemoIds ids, DemoClock time, PostService posts, PostEvents events, InvitationService invitations)
{
    private readonly Dictionary<DemoPost, Post> _written = new(ReferenceEqualityComparer.Instance);

    public async Task WriteAsync(CancellationToken cancellationToken)
    {
        var timeline = DemoPosts.All.Select(p => (p.Ago, Post: p, Comment: (DemoComment?)null))
            .Concat(DemoPosts.All.SelectMany(p => (p.Comments ?? []).Select(c => (c.Ago, Post: p, Comment: (DemoComment?)c))))
            .OrderByDescending(x => x.Ago);
        foreach (var (ago, post, comment) in timeline)
        {
            time.SetAgo(ago);
            if (comment is null) await PostAsync(post, cancellationToken);
            else await CommentAsync(_written[post], comment, cancellationToken);
        }
        foreach (var post in DemoPosts.All)
            await ReactAsync(post, cancellationToken);
        await InviteAsync(cancellationToken);
        await AskToJoinAsync(cancellationToken);
    }

    private Viewer As(string userName) => new(ids.People[userName], false);

    private async Task PostAsync(DemoPost p, CancellationToken cancellationToken)
    {
        var viewer = As(p.Author);
        var access = await gate.SphereAsync(viewer, ids.Spheres[p.Sphere], cancellationToken);
        var recipients = p.PrivateTo?.Select(name => ids.People[name]).ToList();
        var post = await posts.CreateAsync(access, viewer, new CreatePostRequest(p.Body, p.Style, recipients is not null, recipients, null, null), null, cancellationToken);
        if (p.Pinned)
        {
            if (!access.ActsAsStaff) throw new InvalidOperationException($"Demo world: {p.Author} cannot pin in {p.Sphere}.");
            post.PinnedAt = time.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
        }
        await events.PostCreatedAsync(post, cancellationToken);
        _written[p] = post;
    }

    private async Task CommentAsync(Post target, DemoComment c, CancellationToken cancellationToken)
    {
        var viewer = As(c.Author);
        var (access, post) = await gate.PostAsync(viewer, target.Id, cancellationToken);
        var comment = await CommentEndpoints.WriteAsync(access, post, viewer, c.Body, db, posts, time, cancellationToken);
        await events.CommentCreatedAsync(post, comment, cancellationToken);
    }

    /// <summary>Reactions come a little after their post; like <c>POST /posts/{id}/reactions/{kind}</c>, only members react.</summary>
    private async Task ReactAsync(DemoPost p, CancellationToken cancellationToken)
    {
        time.SetAgo(p.Ago - TimeSpan.FromMinutes(30));
        foreach (var (person, kind) in p.Reactions ?? [])
        {
            var (access, post) = await gate.PostAsync(As(person), _written[p].Id, cancellationToken);
            if (!access.CanComment) throw new InvalidOperationException($"Demo world: {person} cannot react in {p.Sphere}.");
            db.Reactions.Add(new Reaction
            {
                Id = Ids.New(), OrganizationId = post.OrganizationId, SphereId = post.SphereId, PostId = post.Id, TargetId = post.Id,
                UserId = ids.People[person], Kind = kind, CreatedAt = time.GetUtcNow().UtcDateTime,
            });
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task InviteAsync(CancellationToken cancellationToken)
    {
        time.SetAgo(TimeSpan.FromHours(27));
        foreach (var i in DemoWorld.Invitations)
        {
            var viewer = As(i.Inviter);
            var target = await MembershipTarget.OrganizationAsync(gate, viewer, ids.Organizations[i.Organization], cancellationToken);
            await invitations.CreateAsync(target, viewer, new CreateInvitationRequest(i.Invitee, null, null, i.Message), cancellationToken);
        }
    }

    /// <summary>Like <c>POST /organizations/{id}/join-requests</c>: only someone who may ask does.</summary>
    private async Task AskToJoinAsync(CancellationToken cancellationToken)
    {
        time.SetAgo(TimeSpan.FromHours(15));
        foreach (var j in DemoWorld.JoinRequests)
        {
            var viewer = As(j.Person);
            var target = await MembershipTarget.OrganizationAsync(gate, viewer, ids.Organizations[j.Organization], cancellationToken);
            if (!target.Organization!.CanRequestToJoin) throw new InvalidOperationException($"Demo world: {j.Person} cannot ask to join {j.Organization}.");
            db.JoinRequests.Add(new JoinRequest
            {
                Id = Ids.New(), OrganizationId = target.OrganizationId, UserId = viewer.Id, Message = j.Message,
                Status = JoinRequestStatus.Pending, CreatedAt = time.GetUtcNow().UtcDateTime,
            });
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
