using System.Linq.Expressions;
using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Posts;
using Enclave.Server.Spheres;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Search;

/// <summary>
/// Full-text search over what the viewer may access, and nothing else: the engine's matches are
/// kept only when they are among the access gate's readable spheres and visible posts (comments
/// awaiting approval only for their author and the sphere's staff), visible spheres, and people the
/// viewer may see. The filtering happens in the same SQL statement as the match, before ranking,
/// counting and paging, so neither the results, the total nor the cursors reveal anything else.
/// </summary>
public sealed class SearchService(EnclaveDb db, AccessGate gate, ISearchIndex index, SearchResults results, NewestContent newestContent)
{
    /// <summary>
    /// The total is counted up to this many matches; past it, the response says the total is a lower
    /// bound. It is also the window that is ranked: the most recent this-many accessible matches.
    /// </summary>
    public const int TotalCap = 200;

    public async Task<SearchResponse> SearchAsync(Viewer viewer, SearchRequest request, CancellationToken cancellationToken)
    {
        // The newest accessible matches first, then relevance among them: ranking every match of a
        // common word over millions of posts costs seconds, and reading them newest first stops as soon
        // as the window is full (docs/api/conversations.md#search says what this means for users).
        var found = await index.RunAsync(db, () => FindAsync(viewer, request, cancellationToken), cancellationToken);

        var window = found.OrderByDescending(h => h.DocumentId).Take(TotalCap + 1).ToList();
        IEnumerable<SearchHit> ranked = window.Take(TotalCap);
        if (request.Cursor is { } after)
            ranked = ranked.Where(h => h.Rank < after.Rank || (h.Rank == after.Rank && h.DocumentId.CompareTo(after.Id) < 0));
        var rows = ranked.OrderByDescending(h => h.Rank).ThenByDescending(h => h.DocumentId).Take(request.Limit + 1).ToList();
        var next = rows.Count > request.Limit ? new SearchCursor(rows[request.Limit - 1].Rank, rows[request.Limit - 1].DocumentId).Encode() : null;
        rows = rows.Take(request.Limit).ToList();
        var items = await results.BuildAsync(rows, request.Terms, cancellationToken);
        return new SearchResponse(items, next, Math.Min(window.Count, TotalCap), window.Count > TotalCap);
    }

    /// <summary>The newest accessible matches of each part of the request: at most <see cref="TotalCap"/> + 1 each.</summary>
    private async Task<List<SearchHit>> FindAsync(Viewer viewer, SearchRequest request, CancellationToken cancellationToken)
    {
        var found = new List<SearchHit>();
        var kinds = request.Kinds;
        if (viewer.UserId is { } userId && (index.StartsFromReadableSpheres || request.SphereId is not null) && kinds.Any(SearchKinds.Content.Contains))
        {
            found.AddRange(await InReadableSpheresAsync(userId, request, cancellationToken));
            kinds = kinds.Except(SearchKinds.Content).ToList();
        }
        // One statement with a branch per part (see Parts), each the newest of its part.
        IQueryable<SearchHit>? union = null;
        foreach (var part in Parts(kinds))
        {
            if (Allowed(viewer, request with { Kinds = part }) is not { } allowed) continue;
            var branch = Newest(index.Hits(db, request.Terms, part).Where(allowed));
            union = union is null ? branch : union.Concat(branch);
        }
        if (union is not null) found.AddRange(await union.ToListAsync(cancellationToken));
        return found;
    }

    /// <summary>
    /// The kinds searched together: posts and comments (one match of the content index), and each kind
    /// of name on its own. With people and spheres in one branch, the branch's kind test was an
    /// <c>OR</c> next to the index's <c>IN</c>; PostgreSQL multiplied the two as if independent,
    /// expected 2,000 people where there are 100,000, and AND-ed that with the content index's matches
    /// of the words (106,000 documents for two common words): 420 ms, against 0.6 ms through the
    /// names index that a single kind uses (docs/PERFORMANCE.md).
    /// </summary>
    private static IEnumerable<IReadOnlyList<string>> Parts(IReadOnlyList<string> kinds)
    {
        var content = kinds.Where(SearchKinds.Content.Contains).ToList();
        if (content.Count > 0) yield return content;
        foreach (var name in kinds.Where(SearchKinds.Names.Contains)) yield return [name];
    }

    private static IQueryable<SearchHit> Newest(IQueryable<SearchHit> hits) => NewestContent.Newest(hits, TotalCap + 1);

    /// <summary>
    /// Posts and comments among the gate's readable spheres (narrowed by the request's place
    /// filters), the newest accessible matches of each kind: the sphere ids go into the statements as
    /// a list, and PostgreSQL reads them in the bounded steps of <see cref="NewestContent"/>, checking
    /// the posts and comments themselves (published, addressed to the viewer, approved...) only for
    /// the matches of those spheres, exactly as the one-pass search does.
    /// </summary>
    /// <remarks>
    /// The sphere is checked on the search document, which carries its post's or comment's sphere
    /// (written with the row by the triggers; posts never move), and again on the row itself when the
    /// page is built (<see cref="SearchResults"/> drops a result whose row is not in the sphere it was
    /// found in). Repeating it on the posts inside the statement made PostgreSQL misjudge how many
    /// matches survive and rank a common word's every match in a large sphere (1 s instead of 20 ms).
    /// An earlier version searched sphere by sphere: each sphere re-read the word's whole GIN posting
    /// list, so a person reading 268 spheres paid for it 536 times (1–5 s under load).
    /// </remarks>
    private async Task<List<SearchHit>> InReadableSpheresAsync(Guid userId, SearchRequest request, CancellationToken cancellationToken)
    {
        var spheres = gate.ReadableSpheres(userId);
        if (request.SphereId is { } sphereId) spheres = spheres.Where(s => s.Id == sphereId);
        if (request.OrganizationId is { } organizationId) spheres = spheres.Where(s => s.OrganizationId == organizationId);
        var sphereIds = await spheres.Select(s => s.Id).ToListAsync(cancellationToken);
        if (sphereIds.Count == 0) return [];
        var within = request with { SphereId = null, OrganizationId = null }; // the place filters chose the spheres
        var visiblePosts = gate.VisiblePosts(userId);
        var kinds = request.Kinds.Where(SearchKinds.Content.Contains).ToList();
        var allowed = kinds.ToDictionary(k => k, k => k == SearchKinds.Post ? PostsAllowed(within, visiblePosts) : CommentsAllowed(userId, within, visiblePosts));
        IQueryable<SearchHit> Hits(string kind, ContentRead? read) => index.ContentHits(db, request.Terms, kind, sphereIds, read).Where(allowed[kind]);
        if (index.StartsFromReadableSpheres)
            return await newestContent.FindAsync(kinds, request.Terms, sphereIds, TotalCap + 1, Hits, cancellationToken);
        // One statement, a branch per kind: the primary key ("Kind", "DocumentId") reads one kind's documents newest first.
        return await kinds.Select(k => Newest(Hits(k, null))).Aggregate((a, b) => a.Concat(b)).ToListAsync(cancellationToken);
    }

    /// <summary>Which matches the viewer may see, per kind, with the request's filters; null when nothing can be.</summary>
    private Expression<Func<SearchHit, bool>>? Allowed(Viewer viewer, SearchRequest r)
    {
        var parts = new List<Expression<Func<SearchHit, bool>>>();
        if (viewer.UserId is { } userId)
        {
            var readable = gate.ReadableSpheres(userId).Select(s => s.Id);
            var visiblePosts = gate.VisiblePosts(userId).Where(p => readable.Contains(p.SphereId));
            if (r.Kinds.Contains(SearchKinds.Post)) parts.Add(PostsAllowed(r, visiblePosts));
            if (r.Kinds.Contains(SearchKinds.Comment)) parts.Add(CommentsAllowed(userId, r, visiblePosts));
            if (r.Kinds.Contains(SearchKinds.Person))
            {
                var people = VisiblePeople.Of(db, userId);
                parts.Add(h => h.Kind == SearchKinds.Person && people.Any(u => u.Id == h.DocumentId));
            }
        }
        if (r.Kinds.Contains(SearchKinds.Sphere))
        {
            var spheres = gate.VisibleSpheres(viewer);
            if (r.SphereId is { } sphereId) spheres = spheres.Where(s => s.Id == sphereId);
            if (r.OrganizationId is { } organizationId) spheres = spheres.Where(s => s.OrganizationId == organizationId);
            parts.Add(h => h.Kind == SearchKinds.Sphere && spheres.Any(s => s.Id == h.DocumentId));
        }
        return parts.Count == 0 ? null : AnyOf(parts);
    }

    /// <summary>A hit allowed by any of the given per-kind conditions.</summary>
    private static Expression<Func<SearchHit, bool>> AnyOf(IReadOnlyList<Expression<Func<SearchHit, bool>>> parts)
    {
        var hit = Expression.Parameter(typeof(SearchHit), "h");
        var body = parts.Select(p => new Rebind(p.Parameters[0], hit).Visit(p.Body)).Aggregate(Expression.OrElse);
        return Expression.Lambda<Func<SearchHit, bool>>(body, hit);
    }

    /// <summary>Post matches among the given visible posts, with the request's filters.</summary>
    private Expression<Func<SearchHit, bool>> PostsAllowed(SearchRequest r, IQueryable<Post> visiblePosts)
    {
        var posts = visiblePosts;
        if (r.SphereId is { } sphereId) posts = posts.Where(p => p.SphereId == sphereId);
        if (r.OrganizationId is { } organizationId) posts = posts.Where(p => p.OrganizationId == organizationId);
        if (r.AuthorId is { } authorId) posts = posts.Where(p => p.AuthorId == authorId);
        if (r.Tag is { } tag) posts = posts.Where(p => db.PostTags.Any(t => t.PostId == p.Id && t.Tag == tag));
        if (r.From is { } from) posts = posts.Where(p => p.PublishedAt >= from);
        if (r.To is { } to) posts = posts.Where(p => p.PublishedAt < to);
        return h => h.Kind == SearchKinds.Post && posts.Any(p => p.Id == h.DocumentId);
    }

    /// <summary>Comment matches on the given visible posts, with the request's filters.</summary>
    private Expression<Func<SearchHit, bool>> CommentsAllowed(Guid userId, SearchRequest r, IQueryable<Post> visiblePosts)
    {
        // Comments awaiting approval: their author and the sphere's staff only (as CommentEndpoints.CanSee).
        var staffOf = db.SphereMembers.Where(m => m.UserId == userId && (m.Role == SphereRole.Administrator || m.Role == SphereRole.Publisher))
            .Select(m => m.SphereId);
        var comments = db.Comments.Where(c => visiblePosts.Any(p => p.Id == c.PostId) && c.HiddenAt == null &&
            (c.Status == CommentStatus.Published || c.AuthorId == userId || staffOf.Contains(c.SphereId)));
        if (r.SphereId is { } sphereId) comments = comments.Where(c => c.SphereId == sphereId);
        if (r.OrganizationId is { } organizationId) comments = comments.Where(c => c.OrganizationId == organizationId);
        if (r.AuthorId is { } authorId) comments = comments.Where(c => c.AuthorId == authorId);
        if (r.Tag is { } tag) comments = comments.Where(c => db.PostTags.Any(t => t.PostId == c.PostId && t.Tag == tag));
        if (r.From is { } from) comments = comments.Where(c => c.CreatedAt >= from);
        if (r.To is { } to) comments = comments.Where(c => c.CreatedAt < to);
        return h => h.Kind == SearchKinds.Comment && comments.Any(c => c.Id == h.DocumentId);
    }

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
