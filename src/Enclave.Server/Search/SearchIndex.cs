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
    /// by the sphere each search document records: all of them in one statement (null
    /// <paramref name="read"/>), or one step of <see cref="NewestContent"/> (engines that
    /// <see cref="StartsFromReadableSpheres"/>).
    /// </summary>
    IQueryable<SearchHit> ContentHits(EnclaveDb db, IReadOnlyList<string> terms, string kind, IReadOnlyList<Guid> sphereIds, ContentRead? read = null);

    /// <summary>Runs a search's statements with whatever session settings the engine needs for them.</summary>
    Task<T> RunAsync<T>(EnclaveDb db, Func<Task<T>> search, CancellationToken cancellationToken);

    /// <summary>
    /// Whether content is best searched among the ids of the viewer's readable spheres, in the bounded
    /// steps of <see cref="NewestContent"/> (PostgreSQL), rather than in one pass over every match
    /// joined to the gate (SQLite's FTS5 hands over every match anyway).
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

    public IQueryable<SearchHit> ContentHits(EnclaveDb db, IReadOnlyList<string> terms, string kind, IReadOnlyList<Guid> sphereIds, ContentRead? read = null)
    {
        if (read is not null) throw new NotSupportedException("SQLite reads every match of the spheres in one statement");
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
    internal const string ContentQuery = "(plainto_tsquery('search_french', {0}) || plainto_tsquery('search_english', {0}))";
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

    /// <summary>
    /// One step of <see cref="NewestContent"/>; the statement carries the step's name in a comment
    /// (<see cref="ContentRead.Marker"/>). Without a step (not used on PostgreSQL), the sphere index's step.
    /// </summary>
    /// <remarks>
    /// <see cref="ContentReadMode.Newest"/>, by the primary key ("Kind", "DocumentId") backwards over
    /// the id range, tests the sphere before the words: in a subquery of its own (fenced by
    /// <c>OFFSET 0</c>, ordered so that the order is still known above it), since PostgreSQL would
    /// otherwise test the cheaper-looking words first, on every document (119 ms instead of 220 ms for
    /// two common words over 216,000 comments when the sphere goes first), and with each test keeping
    /// its own estimate the plan visits the matches' posts one by one. Sphere by sphere, a branch per
    /// sphere reads the (sphere, kind, document) index backwards and PostgreSQL merges the branches
    /// newest first (a limit on each branch would apply before the caller's access and filter tests:
    /// a sphere's newest private posts or a date filter then left the window short). The caller
    /// orders by document id and takes the window, so either read stops as soon as the window is full
    /// (the caller turns bitmap scans off for it).
    /// The other two are fenced (<c>OFFSET 0</c>) so that the caller's order cannot turn them into a
    /// backwards read of the whole kind: <see cref="ContentReadMode.Spheres"/> tests the spheres as an
    /// index condition (the step runs only when they hold few documents: PostgreSQL reads them
    /// through the (sphere, kind, document) index or ANDs it with the full-text index);
    /// <see cref="ContentReadMode.Matches"/> writes the sphere test so that it cannot be an index
    /// condition (as one, PostgreSQL underestimated a few hundred spheres' documents, 7,000 instead of
    /// 530,000, AND-ed their bitmap with the words' and read a million rows) and so reads the
    /// full-text index's matches, which the step runs for only when they are rare or all that is left.
    /// </remarks>
    public IQueryable<SearchHit> ContentHits(EnclaveDb db, IReadOnlyList<string> terms, string kind, IReadOnlyList<Guid> sphereIds, ContentRead? read = null)
    {
        read ??= new ContentRead(ContentReadMode.Spheres);
        // {0} the words, {1} the kind, {2} the spheres, {3} the oldest document to read (inclusive), {4} the one
        // before which to read; from {5}, each sphere's id for its branch.
        var range = (read.From is null ? "" : " AND d.\"DocumentId\" >= {3}") + (read.Before is null ? "" : " AND d.\"DocumentId\" < {4}");
        var select = $$"""
            SELECT {{read.Marker}} d."Kind" AS "Kind", d."DocumentId" AS "DocumentId", d."SphereId" AS "SphereId",
                   ts_rank(d."Vector", {{ContentQuery}})::float8 AS "Rank"
            """;
        var sql = read.Mode switch
        {
            ContentReadMode.Newest when read.BySphere => select + "\nFROM (" + string.Join("\n    UNION ALL ", sphereIds.Select((_, i) => $$"""
                (SELECT d.* FROM search_documents AS d WHERE d."SphereId" = {{{i + 5}}} AND d."Kind" = {1}{{range}} AND d."Vector" @@ {{ContentQuery}}
                 ORDER BY d."DocumentId" DESC)
                """)) + ") AS d",
            ContentReadMode.Newest => select + $$"""

                FROM (SELECT n.* FROM (SELECT d."Kind", d."DocumentId", d."SphereId", d."Vector" FROM search_documents AS d
                                       WHERE d."Kind" = {1}{{range}} ORDER BY d."DocumentId" DESC OFFSET 0) AS n
                      WHERE n."SphereId" = ANY({2}) ORDER BY n."DocumentId" DESC OFFSET 0) AS d
                WHERE d."Vector" @@ {{ContentQuery}}
                """,
            ContentReadMode.Spheres => select + $$"""

                FROM search_documents AS d
                WHERE d."SphereId" = ANY({2}) AND d."Kind" = {1}{{range}} AND d."Vector" @@ {{ContentQuery}}
                OFFSET 0
                """,
            _ => select + $$"""

                FROM search_documents AS d
                WHERE (d."SphereId" = ANY({2})) IS TRUE AND d."Kind" = {1}{{range}} AND d."Vector" @@ {{ContentQuery}}
                OFFSET 0
                """,
        };
        object?[] args = [string.Join(' ', terms), kind, sphereIds.ToArray(), read.From ?? Guid.Empty, read.Before ?? Guid.Empty,
            .. read.BySphere ? sphereIds.Cast<object?>() : []];
        return db.Database.SqlQuery<SearchHit>(FormattableStringFactory.Create(sql, args));
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
