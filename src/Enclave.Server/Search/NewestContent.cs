using System.Data;
using System.Text.Json;
using Enclave.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace Enclave.Server.Search;

/// <summary>
/// Finds the newest accessible matches of posts and comments among a reader's spheres on
/// PostgreSQL, in steps over ranges of documents, each chosen by what the previous one found
/// (docs/PERFORMANCE.md, fix 10). No one statement is right for every search: reading documents
/// newest first is fastest when the words are common in the reader's spheres (a common word: 10 ms)
/// but read all 3,000,000 comments when they match none of them (1.5–2.6 s); the full-text index is
/// fastest for rare words but visits every match of a common word, in every sphere (2 s for a word
/// in one document of five). PostgreSQL chooses by estimates that are far off here (a word's
/// frequency over every kind and sphere together), so the steps bound what each way may read:
/// <list type="number">
/// <item>the newest <see cref="SearchOptions.NewestRead"/> documents of each kind, both kinds in one
/// statement, each stopping when it has a window;</item>
/// <item>for a kind still short: when PostgreSQL's statistics say the words are rare
/// (<see cref="SearchOptions.RareMatches"/>), the full-text index's matches; else the next
/// <see cref="SearchOptions.ContinuedRead"/> documents, newest first;</item>
/// <item>and for the older ones, the full-text index's matches or the reader's spheres' documents,
/// whichever PostgreSQL's statistics say are fewer.</item>
/// </list>
/// Newest first is read sphere by sphere for a reader of a few spheres (only their documents), else by
/// the primary key over every document. The steps part the documents by id (<see cref="SearchBoundaries"/>),
/// so together they return exactly the newest <c>window</c> matches that one statement would. Every
/// step's statement is composed with the access gate by the caller (<see cref="SearchService"/>).
/// </summary>
public sealed class NewestContent(EnclaveDb db, SearchBoundaries boundaries, IOptions<SearchOptions> options)
{
    /// <param name="hits">The accessible matches of a kind, read as the step says (unordered: this class takes the newest).</param>
    public async Task<List<SearchHit>> FindAsync(IReadOnlyList<string> kinds, IReadOnlyList<string> terms, IReadOnlyList<Guid> sphereIds, int window,
        Func<string, ContentRead, IQueryable<SearchHit>> hits, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var bySphere = sphereIds.Count <= o.SphereBranches;
        var parts = new Dictionary<string, StepBoundaries>();
        foreach (var kind in kinds) parts[kind] = await boundaries.OfAsync(db, kind, cancellationToken);

        // Both kinds in one statement, each stopping at its own window: the window is the newest matches
        // of posts and comments together, so two rarer words often fill it between them (one kind alone
        // can need 200,000 comments for two common words). PostgreSQL merges the kinds newest first
        // only with a limit on each; without, it read both whole and sorted them (60 ms for a common word).
        var first = kinds.Select(k => Newest(hits(k, new ContentRead(ContentReadMode.Newest, From: parts[k].First, BySphere: bySphere)), window))
            .Aggregate((a, b) => a.Concat(b));
        var found = await WithoutBitmapsAsync(() => Newest(first, window).ToListAsync(cancellationToken), cancellationToken);
        if (found.Count >= window) return found;
        foreach (var kind in kinds)
        {
            if (parts[kind].First is not { } before) continue; // the first step read every document of the kind
            found.AddRange(await OlderAsync(kind, terms, sphereIds, window, found.Count(h => h.Kind == kind), before, parts[kind].Second, bySphere,
                read => Newest(hits(kind, read), window).ToListAsync(cancellationToken), cancellationToken));
        }
        return found;
    }

    /// <summary>The rest of one kind's window: its matches older than the first step's documents.</summary>
    private async Task<List<SearchHit>> OlderAsync(string kind, IReadOnlyList<string> terms, IReadOnlyList<Guid> sphereIds, int window, int matched,
        Guid before, Guid? second, bool bySphere, Func<ContentRead, Task<List<SearchHit>>> read, CancellationToken cancellationToken)
    {
        var o = options.Value;
        // Rare words (PostgreSQL's statistics say so, and are right about single words): the full-text
        // index's matches at once, at most RareMatches visits. Asking the index how many there really
        // are was tried: two common words cost 50–80 ms in the index alone, for every search that
        // reached this step (54 ms a search on average under load); it paid only for two common words
        // of different languages, which the statistics take for 150,000 matches and no document has.
        var estimated = await EstimatedMatchesAsync(kind, terms, cancellationToken);
        if (estimated <= o.RareMatches) return await read(new ContentRead(ContentReadMode.Matches, Before: before));
        // Else reading on newest first costs at most ContinuedRead documents (about 0.5 µs each by the
        // primary key; sphere by sphere about 3 µs each, but only the reader's). (How many the first step
        // found is no guide: the newest documents are not a fair sample; a burst of short posts sent
        // two common words to the index, 0.6 s.)
        var found = await WithoutBitmapsAsync(() => read(new ContentRead(ContentReadMode.Newest, second, before, bySphere)), cancellationToken);
        if (found.Count + matched >= window || second is null) return found;
        before = second.Value;

        // What is left: the reader's spheres' older documents (about 3 µs each; sphere by sphere they are
        // read newest first and stop with the window) or the full-text index's matches in every sphere
        // (about 7 µs each), whichever are fewer: counting the former up to twice the estimated matches
        // reads index entries only (a few ms). A reader of one mid-sized sphere searching two common words
        // took 380–530 ms through the index. Past SphereDocuments / 2 estimated matches the spheres win anyway.
        var cap = (int)Math.Min(estimated * 2, o.SphereDocuments);
        var fewer = cap >= o.SphereDocuments || await CountOlderAsync(kind, sphereIds, before, cap, cancellationToken) < cap;
        if (!fewer) return [.. found, .. await read(new ContentRead(ContentReadMode.Matches, Before: before))];
        return [.. found, .. bySphere
            ? await WithoutBitmapsAsync(() => read(new ContentRead(ContentReadMode.Newest, Before: before, BySphere: true)), cancellationToken)
            : await read(new ContentRead(ContentReadMode.Spheres, Before: before))];
    }

    /// <summary>The newest <paramref name="window"/> of these hits (document ids grow with time).</summary>
    internal static IQueryable<SearchHit> Newest(IQueryable<SearchHit> hits, int window) => hits.OrderByDescending(h => h.DocumentId).Take(window);

    /// <summary>
    /// Runs a newest-first step with bitmap scans off (inside the search's transaction): PostgreSQL
    /// otherwise read a sphere's every document through a bitmap and sorted them (47,000 posts, 260 ms)
    /// where reading them newest first stopped after 2,000 (10 ms), since it cannot know how soon
    /// the window fills.
    /// </summary>
    private async Task<T> WithoutBitmapsAsync<T>(Func<Task<T>> step, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlRawAsync("SET LOCAL enable_bitmapscan = off", cancellationToken);
        var result = await step();
        await db.Database.ExecuteSqlRawAsync("SET LOCAL enable_bitmapscan TO DEFAULT", cancellationToken);
        return result;
    }

    /// <summary>
    /// How many documents of the kind PostgreSQL's statistics say match the words (over every sphere):
    /// the planner's own row estimate, read from <c>EXPLAIN</c> (planning only, under a millisecond).
    /// </summary>
    private async Task<double> EstimatedMatchesAsync(string kind, IReadOnlyList<string> terms, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = "EXPLAIN (FORMAT JSON) SELECT 1 FROM search_documents AS d WHERE d.\"Kind\" = @kind AND d.\"Vector\" @@ "
            + PostgresSearchIndex.ContentQuery.Replace("{0}", "@words", StringComparison.Ordinal);
        Add("kind", kind);
        Add("words", string.Join(' ', terms));
        if (connection.State != ConnectionState.Open) await db.Database.OpenConnectionAsync(cancellationToken);
        var plan = (string?)await command.ExecuteScalarAsync(cancellationToken) ?? "[]";
        using var json = JsonDocument.Parse(plan);
        return json.RootElement[0].GetProperty("Plan").GetProperty("Plan Rows").GetDouble();

        void Add(string name, string value)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
    }

    /// <summary>How many documents of the kind older than <paramref name="before"/> the spheres hold, counted up to <paramref name="cap"/>.</summary>
    private async Task<int> CountOlderAsync(string kind, IReadOnlyList<Guid> sphereIds, Guid before, int cap, CancellationToken cancellationToken)
    {
        var spheres = sphereIds.ToArray();
        var counted = await db.Database.SqlQuery<int>($"""
            SELECT count(*)::int AS "Value" FROM (
                SELECT 1 FROM search_documents AS d
                WHERE d."SphereId" = ANY({spheres}) AND d."Kind" = {kind} AND d."DocumentId" < {before} LIMIT {cap}) AS x
            """).ToListAsync(cancellationToken);
        return counted[0];
    }
}
