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

    /// <summary>
    /// The matches of one kind of content (<see cref="SearchKinds.Content"/>) in the given spheres,
    /// by the sphere each search document records.
    /// </summary>
    IQueryable<SearchHit> ContentHits(EnclaveDb db, IReadOnlyList<string> terms, string kind, IReadOnlyList<Guid> sphereIds);

    /// <summary>Runs a search's statements with whatever session settings the engine needs for them.</summary>
    Task<T> RunAsync<T>(EnclaveDb db, Func<Task<T>> search, CancellationToken cancellationToken);

    /// <summary>
    /// Whether content is best searched among the ids of the viewer's readable spheres, read newest
    /// first (PostgreSQL), rather than in one pass over every match joined to the gate (SQLite's FTS5
    /// hands over every match anyway).
    /// </summary>
    bool StartsFromReadableSpheres { get; }

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

    public bool StartsFromReadableSpheres => false;

    public IQueryable<SearchHit> ContentHits(EnclaveDb db, IReadOnlyList<string> terms, string kind, IReadOnlyList<Guid> sphereIds)
    {
        var list = sphereIds.Count == 0 ? "NULL" : string.Join(", ", sphereIds.Select((_, i) => $"{{{i + 2}}}"));
        return db.Database.SqlQuery<SearchHit>(FormattableStringFactory.Create(
            Select("search_fts", "{0}", "-bm25(search_fts)") + $" AND d.\"Kind\" = {{1}} AND d.\"SphereId\" IN ({list})",
            [Content(terms), kind, .. sphereIds.Cast<object?>()]));
    }

    public Task<T> RunAsync<T>(EnclaveDb db, Func<Task<T>> search, CancellationToken cancellationToken) => search();

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

    // The statements' queries: content over format parameter {0} (the words), names over {1} (the words as prefixes).
    // They are written inline in each statement (not in a joined subquery) so that the planner uses the GIN indexes.
    private const string ContentQuery = "(plainto_tsquery('search_french', {0}) || plainto_tsquery('search_english', {0}))";
    private const string NamesQuery = "to_tsquery('search_simple', {1})";

    public IQueryable<SearchHit> Hits(EnclaveDb db, IReadOnlyList<string> terms, IReadOnlyList<string> kinds)
    {
        var content = kinds.Where(SearchKinds.Content.Contains).ToList();
        var names = kinds.Where(SearchKinds.Names.Contains).ToList();
        // Only the parts asked for are written: with both behind parameters, a names-only search read a
        // common prefix's 290,000 content matches from the content index.
        var where = new List<string>();
        if (content.Count > 0) where.Add($"({KindTest(content)} AND d.\"Vector\" @@ {ContentQuery})");
        // Spheres' names alone are tested row by row, without an index: the planner expected a handful
        // of sphere documents and AND-ed them with the content index's matches of the prefix (314–348 ms
        // for a common prefix on the 100,000-member world, 100,000 content matches read), though a
        // platform has one such document per sphere (3,000 there: 2.5 ms read by the primary key).
        var vector = content.Count == 0 && names is [SearchKinds.Sphere] ? "(d.\"Vector\" || ''::tsvector)" : "d.\"Vector\"";
        if (names.Count > 0) where.Add($"({KindTest(names)} AND {vector} @@ {NamesQuery})");
        if (where.Count == 0) where.Add("false");
        var sql = $"""
            SELECT d."Kind" AS "Kind", d."DocumentId" AS "DocumentId", d."SphereId" AS "SphereId",
                   ts_rank(d."Vector", CASE WHEN d."Kind" IN ('post', 'comment') THEN {ContentQuery} ELSE {NamesQuery} END)::float8 AS "Rank"
            FROM search_documents AS d
            WHERE {string.Join(" OR ", where)}
            """;
        return db.Database.SqlQuery<SearchHit>(FormattableStringFactory.Create(sql, string.Join(' ', terms), Prefix(terms)));
    }

    public bool StartsFromReadableSpheres => true;

    /// <summary>
    /// The kind test, written out (the kinds are <see cref="SearchKinds"/>' constants, never the request's
    /// text): one kind is an equality, which PostgreSQL merges with the caller's own test of the same
    /// kind instead of counting both against the estimate, and which still selects the names index
    /// (defined on <c>"Kind" IN ('sphere', 'person')</c>).
    /// </summary>
    private static string KindTest(IReadOnlyList<string> kinds)
    {
        if (kinds.Any(k => !SearchKinds.All.Contains(k))) throw new ArgumentException("unknown search kind", nameof(kinds));
        return kinds.Count == 1 ? $"d.\"Kind\" = '{kinds[0]}'" : $"d.\"Kind\" IN ({string.Join(", ", kinds.Select(k => $"'{k}'"))})";
    }

    /// <summary>Up to this many readable spheres, their test is an index condition (see <see cref="ContentHits"/>).</summary>
    internal const int IndexedSpheres = 16;

    /// <remarks>
    /// The newest matches are wanted (the caller orders by document id and takes a window). Two plans
    /// are good, and the planner picks by the words' frequency: a common word reads the primary key
    /// ("Kind", "DocumentId") backwards and keeps matching rows of the spheres until the window is full
    /// (33 ms for a word in one document of ten, 5,000,000 documents); a rarer one takes the GIN index's
    /// matches and sorts them. The sphere test over many spheres is written so that it cannot be an
    /// index condition: as one, PostgreSQL underestimated a few hundred spheres' documents (7,000
    /// instead of 530,000), AND-ed their bitmap with the word's and read a million rows (0.6–2 s).
    /// A few spheres (at most <see cref="IndexedSpheres"/>, e.g. a search narrowed to one) use the
    /// (sphere, kind, document) index: their estimate is right, and without the index PostgreSQL read
    /// the whole table for a person reading two spheres (5,000,000 rows, 3 s instead of 71 ms).
    /// </remarks>
    public IQueryable<SearchHit> ContentHits(EnclaveDb db, IReadOnlyList<string> terms, string kind, IReadOnlyList<Guid> sphereIds)
    {
        var (sphereTest, spheres) = sphereIds.Count == 1 ? ("d.\"SphereId\" = {2}", (object)sphereIds[0])
            : sphereIds.Count <= IndexedSpheres ? ("d.\"SphereId\" = ANY({2})", sphereIds.ToArray())
            : ("(d.\"SphereId\" = ANY({2})) IS TRUE", sphereIds.ToArray());
        var sql = $$"""
            SELECT d."Kind" AS "Kind", d."DocumentId" AS "DocumentId", d."SphereId" AS "SphereId",
                   ts_rank(d."Vector", {{ContentQuery}})::float8 AS "Rank"
            FROM search_documents AS d
            WHERE {{sphereTest}} AND d."Kind" = {1} AND d."Vector" @@ {{ContentQuery}}
            """;
        return db.Database.SqlQuery<SearchHit>(FormattableStringFactory.Create(sql, string.Join(' ', terms), kind, spheres));
    }

    /// <summary>
    /// In a transaction with settings for it alone: <c>work_mem</c> raised, since a word with a hundred
    /// thousand matches overflows the default 4 MB bitmap, which turns lossy and makes PostgreSQL
    /// re-check every row of those pages against the query (110,000 extra rows, half the statement's
    /// time); and no parallel workers, since two searches with two workers each kept six processes
    /// busy on a 2-core machine and starved every feed (the search bound counts searches, not processes).
    /// </summary>
    public async Task<T> RunAsync<T>(EnclaveDb db, Func<Task<T>> search, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null) return await search();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("SET LOCAL work_mem = '32MB'; SET LOCAL max_parallel_workers_per_gather = 0", cancellationToken);
        var result = await search();
        await transaction.CommitAsync(cancellationToken);
        return result;
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
