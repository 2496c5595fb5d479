using Enclave.Server.Accounts;
using Enclave.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Search;

/// <summary>
/// Turns a page of gated matches into results with a fixed number of queries (rows per kind, spheres,
/// authors, excerpts), whatever the page size. It reads only ids the gated search returned.
/// </summary>
public sealed class SearchResults(EnclaveDb db, ISearchIndex index)
{
    private sealed record Row(Guid Id, Guid? PostId, Guid? SphereId, Guid? AuthorId, string Text, DateTime? CreatedAt);

    public async Task<List<SearchResult>> BuildAsync(IReadOnlyList<SearchHit> hits, IReadOnlyList<string> terms, CancellationToken cancellationToken)
    {
        if (hits.Count == 0) return [];
        List<Guid> Ids(string kind) => hits.Where(h => h.Kind == kind).Select(h => h.DocumentId).ToList();
        var postIds = Ids(SearchKinds.Post);
        var commentIds = Ids(SearchKinds.Comment);
        var sphereIds = Ids(SearchKinds.Sphere);
        var personIds = Ids(SearchKinds.Person);

        var rows = new Dictionary<(string, Guid), Row>();
        if (postIds.Count > 0)
            foreach (var p in await db.Posts.AsNoTracking().Where(p => postIds.Contains(p.Id))
                         .Select(p => new Row(p.Id, p.Id, p.SphereId, p.AuthorId, p.Body, p.PublishedAt ?? p.CreatedAt)).ToListAsync(cancellationToken))
                rows[(SearchKinds.Post, p.Id)] = p;
        if (commentIds.Count > 0)
            foreach (var c in await db.Comments.AsNoTracking().Where(c => commentIds.Contains(c.Id))
                         .Select(c => new Row(c.Id, c.PostId, c.SphereId, c.AuthorId, c.Body, c.CreatedAt)).ToListAsync(cancellationToken))
                rows[(SearchKinds.Comment, c.Id)] = c;
        if (sphereIds.Count > 0)
            foreach (var s in await db.Spheres.AsNoTracking().Where(s => sphereIds.Contains(s.Id))
                         .Select(s => new Row(s.Id, null, s.Id, null, s.Name, s.CreatedAt)).ToListAsync(cancellationToken))
                rows[(SearchKinds.Sphere, s.Id)] = s;
        if (personIds.Count > 0)
            foreach (var u in await db.Users.AsNoTracking().Where(u => personIds.Contains(u.Id) && u.ClosedAt == null)
                         .Select(u => new Row(u.Id, null, null, u.Id, u.FirstName + " " + u.LastName + " " + u.UserName, null)).ToListAsync(cancellationToken))
                rows[(SearchKinds.Person, u.Id)] = u;

        var spheresNeeded = rows.Values.Where(r => r.SphereId is not null).Select(r => r.SphereId!.Value).Distinct().ToList();
        var spheres = await db.Spheres.AsNoTracking().Where(s => spheresNeeded.Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, s => new { s.Name, s.OrganizationId }, cancellationToken);
        var usersNeeded = rows.Values.Where(r => r.AuthorId is not null).Select(r => r.AuthorId!.Value).Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => usersNeeded.Contains(u.Id)).ToDictionaryAsync(u => u.Id, cancellationToken);
        var snippets = (await index.SnippetsAsync(db, terms, hits.Select(h => h.DocumentId).ToList(), cancellationToken))
            .ToDictionary(s => (s.Kind, s.DocumentId));

        var results = new List<SearchResult>(hits.Count);
        foreach (var hit in hits)
        {
            // A row deleted between the search and this read is simply left out.
            if (!rows.TryGetValue((hit.Kind, hit.DocumentId), out var row)) continue;
            // Content found in a sphere must be of that sphere (the search among readable spheres relies on it).
            if (hit.SphereId is { } foundIn && row.SphereId != foundIn) continue;
            var sphere = row.SphereId is { } sid && spheres.TryGetValue(sid, out var s) ? s : null;
            var author = row.AuthorId is { } aid && users.TryGetValue(aid, out var u) ? UserSummary.From(u) : null;
            results.Add(new SearchResult(hit.Kind, row.Id, row.PostId, row.SphereId, sphere?.Name, sphere?.OrganizationId, author,
                Snippet(snippets.GetValueOrDefault((hit.Kind, hit.DocumentId)), row.Text), row.CreatedAt));
        }
        return results;
    }

    private static string Snippet(SearchSnippet? snippet, string text)
    {
        if (snippet is null) return Snippets.Plain(text);
        if (!Snippets.HasMark(snippet.Snippet) && Snippets.HasMark(snippet.Alternative)) return Snippets.ToHtml(snippet.Alternative);
        return string.IsNullOrWhiteSpace(snippet.Snippet) ? Snippets.Plain(text) : Snippets.ToHtml(snippet.Snippet);
    }
}
