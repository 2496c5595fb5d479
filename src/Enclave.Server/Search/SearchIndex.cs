using System.Runtime.CompilerServices;
using Enclave.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Search;

/// <summary>
/// The database engine's full-text index (migration 0005_search): what matches a query, how well
/// (higher rank is better), and highlighted excerpts. It knows nothing of access: callers compose
/// <see cref="Hits"/> with the access gate's queries before anything is read.
/// Content (posts, comments) matches whole words, stemmed and accent-insensitive; names (spheres,
/// people) match every word as a prefix, for type-ahead.
/// </summary>
public interface ISearchIndex
{
    IQueryable<SearchHit> Hits(EnclaveDb db, IReadOnlyList<string> terms, IReadOnlyList<string> kinds);

    /// <summary>The matches of one kind of content (<see cref="SearchKinds.Content"/>) in one sphere.</summary>
    IQueryable<SearchHit> SphereHits(EnclaveDb db, IReadOnlyList<string> terms, string kind, Guid sphereId);

    /// <summary>
    /// Whether content is best searched one sphere at a time, each sphere's matches read newest first
    /// (PostgreSQL, with its (sphere, kind, document) index), rather than in one pass over every match (SQLite's FTS5).
    /// </summary>
    bool SearchesPerSphere { get; }

    Task<List<SearchSnippet>> SnippetsAsync(EnclaveDb db, IReadOnlyList<string> terms, IReadOnlyList<Guid> ids, CancellationToken cancellationToken);
}

/// <summary>
/// SQLite FTS5: <c>search_fts</c> (content; Porter over unicode61 without diacritics) and
/// <c>search_names_fts</c> (names; unicode61 without diacritics, no stemming, so prefixes work),
/// ranked by bm25, excerpts by snippet().
/// </summary>
public sealed class SqliteSearchIndex : ISearchIndex
{
    public IQueryable<SearchHit> Hits(EnclaveDb db, IReadOnlyList<string> terms, IReadOnlyList<string> kinds)
    {
        var parts = new List<string>();
        if (kinds.Any(SearchKinds.Content.Contains)) parts.Add(Select("search_fts", "{0}", "-bm25(search_fts)"));
        if (kinds.Any(SearchKinds.Names.Contains)) parts.Add(Select("search_names_fts", "{1}", "-bm25(search_names_fts)"));
        return db.Database.SqlQuery<SearchHit>(FormattableStringFactory.Create(string.Join(" UNION ALL ", parts), Content(terms), Names(terms)));
    }

    public bool SearchesPerSphere => false;

    public IQueryable<SearchHit> SphereHits(EnclaveDb db, IReadOnlyList<string> terms, string kind, Guid sphereId) =>
        db.Database.SqlQuery<SearchHit>(FormattableStringFactory.Create(
            Select("search_fts", "{0}", "-bm25(search_fts)") + " AND d.\"Kind\" = {1} AND d.\"SphereId\" = {2}", Content(terms), kind, sphereId));

    public Task<List<SearchSnippet>> SnippetsAsync(EnclaveDb db, IReadOnlyList<string> terms, IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        var args = new List<object?> { Content(terms), Names(terms) };
        args.AddRange(ids.Cast<object?>());
        var list = string.Join(", ", ids.Select((_, i) => $"{{{i + 2}}}"));
        string Snippet(string table) => $"snippet({table}, 0, char({(int)Snippets.Open}), char({(int)Snippets.Close}), '…', 24)";
        var sql = Select("search_fts", "{0}", Snippet("search_fts"), list) + " UNION ALL " + Select("search_names_fts", "{1}", Snippet("search_names_fts"), list);
        return db.Database.SqlQuery<SearchSnippet>(FormattableStringFactory.Create(sql, [.. args])).ToListAsync(cancellationToken);
    }

    private static string Select(string table, string match, string value, string? ids = null) =>
        $"SELECT d.\"Kind\" AS \"Kind\", d.\"DocumentId\" AS \"DocumentId\", {value} AS \"{(ids is null ? "Rank" : "Snippet")}\"" +
        (ids is null ? ", d.\"SphereId\" AS \"SphereId\"" : "") +
        (ids is null ? "" : ", NULL AS \"Alternative\"") +
        $" FROM {table} JOIN search_documents AS d ON d.\"Rowid\" = {table}.rowid WHERE {table} MATCH {match}" +
        (ids is null ? "" : $" AND d.\"DocumentId\" IN ({ids})");

    /// <summary>FTS5 expressions built only from quoted letter-and-digit words: content words whole (and stemmed), name words as prefixes.</summary>
    private static string Content(IReadOnlyList<string> terms) => string.Join(" ", terms.Select(t => $"\"{t}\""));

    private static string Names(IReadOnlyList<string> terms) => string.Join(" ", terms.Select(t => $"\"{t}\"*"));
}

/// <summary>
/// PostgreSQL: <c>search_documents."Vector"</c> (French and English stems behind unaccent for content,
/// unaccented simple words for names, GIN-indexed), ranked by ts_rank, excerpts by ts_headline.
/// </summary>
public sealed class PostgresSearchIndex : ISearchIndex
{
    private const string Headline = "StartSel=\"\uE000\", StopSel=\"\uE001\", MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=\" … \"";

    public IQueryable<SearchHit> Hits(EnclaveDb db, IReadOnlyList<string> terms, IReadOnlyList<string> kinds)
    {
        var text = string.Join(' ', terms);
        var prefix = Prefix(terms);
        var content = kinds.Any(SearchKinds.Content.Contains);
        var names = kinds.Any(SearchKinds.Names.Contains);
        // The tsquery expressions are written inline (not in a joined subquery) so that the planner uses the GIN index.
        return db.Database.SqlQuery<SearchHit>($"""
            SELECT d."Kind" AS "Kind", d."DocumentId" AS "DocumentId", d."SphereId" AS "SphereId",
                   ts_rank(d."Vector", CASE WHEN d."Kind" IN ('post', 'comment')
                       THEN plainto_tsquery('search_french', {text}) || plainto_tsquery('search_english', {text})
                       ELSE to_tsquery('search_simple', {prefix}) END)::float8 AS "Rank"
            FROM search_documents AS d
            WHERE ({content} AND d."Kind" IN ('post', 'comment') AND d."Vector" @@ (plainto_tsquery('search_french', {text}) || plainto_tsquery('search_english', {text})))
               OR ({names} AND d."Kind" IN ('sphere', 'person') AND d."Vector" @@ to_tsquery('search_simple', {prefix}))
            """);
    }

    public bool SearchesPerSphere => true;

    public IQueryable<SearchHit> SphereHits(EnclaveDb db, IReadOnlyList<string> terms, string kind, Guid sphereId)
    {
        var text = string.Join(' ', terms);
        return db.Database.SqlQuery<SearchHit>($"""
            SELECT d."Kind" AS "Kind", d."DocumentId" AS "DocumentId", d."SphereId" AS "SphereId",
                   ts_rank(d."Vector", plainto_tsquery('search_french', {text}) || plainto_tsquery('search_english', {text}))::float8 AS "Rank"
            FROM search_documents AS d
            WHERE d."SphereId" = {sphereId} AND d."Kind" = {kind}
              AND d."Vector" @@ (plainto_tsquery('search_french', {text}) || plainto_tsquery('search_english', {text}))
            """);
    }

    public Task<List<SearchSnippet>> SnippetsAsync(EnclaveDb db, IReadOnlyList<string> terms, IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        var text = string.Join(' ', terms);
        var idArray = ids.ToArray();
        // The kinds let the primary key ("Kind", "DocumentId") find the rows (no scan of every document).
        // French first; when only the English stems matched (e.g. "meetings" -> "meet"), the English headline has the marks.
        return db.Database.SqlQuery<SearchSnippet>($"""
            SELECT d."Kind" AS "Kind", d."DocumentId" AS "DocumentId",
                   CASE WHEN d."Kind" IN ('post', 'comment')
                       THEN ts_headline('search_french', d."Body", plainto_tsquery('search_french', {text}) || plainto_tsquery('search_english', {text}), {Headline})
                       ELSE ts_headline('search_simple', d."Body", to_tsquery('search_simple', {Prefix(terms)}), {Headline}) END AS "Snippet",
                   CASE WHEN d."Kind" IN ('post', 'comment')
                       THEN ts_headline('search_english', d."Body", plainto_tsquery('search_french', {text}) || plainto_tsquery('search_english', {text}), {Headline})
                       END AS "Alternative"
            FROM search_documents AS d
            WHERE d."Kind" IN ('post', 'comment', 'sphere', 'person') AND d."DocumentId" = ANY({idArray})
            """).ToListAsync(cancellationToken);
    }

    /// <summary>Every word as a prefix, AND-ed: the words are letters and digits only, so quoting them is enough.</summary>
    private static string Prefix(IReadOnlyList<string> terms) => string.Join(" & ", terms.Select(t => $"'{t}':*"));
}
