using System.Collections.Concurrent;
using Enclave.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Enclave.Server.Search;

/// <summary>Where the steps of <see cref="NewestContent"/> part for one kind; null: the kind has fewer documents, the step before reads them all.</summary>
/// <param name="First">The id of the <see cref="SearchOptions.NewestRead"/>-th newest document.</param>
/// <param name="Second">The id of the (<see cref="SearchOptions.NewestRead"/> + <see cref="SearchOptions.ContinuedRead"/>)-th newest document.</param>
public sealed record StepBoundaries(Guid? First, Guid? Second);

/// <summary>
/// The step boundaries of each kind of content, reused for <see cref="SearchOptions.BoundariesFor"/>
/// (a minute) by every search of this server: finding the 450,000th newest comment reads that many
/// index entries (about 90 ms), too much for every search. Which documents are newest only shifts by
/// the ones written since, so a boundary a minute old merely makes the first step read them too:
/// the steps still part the documents exactly, whatever the boundaries.
/// </summary>
public sealed class SearchBoundaries(IOptions<SearchOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, (StepBoundaries Boundaries, DateTimeOffset At)> _byKind = new();

    public async Task<StepBoundaries> OfAsync(EnclaveDb db, string kind, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var now = clock.GetUtcNow();
        if (_byKind.TryGetValue(kind, out var known) && now - known.At < o.BoundariesFor) return known.Boundaries;
        var first = await NthNewestAsync(db, kind, null, o.NewestRead, cancellationToken);
        var second = first is null ? null : await NthNewestAsync(db, kind, first, o.ContinuedRead + 1, cancellationToken);
        var boundaries = new StepBoundaries(first, second);
        _byKind[kind] = (boundaries, now);
        return boundaries;
    }

    /// <summary>The id of the <paramref name="n"/>-th newest document of the kind (older than <paramref name="before"/> when set); null when there are fewer.</summary>
    private static async Task<Guid?> NthNewestAsync(EnclaveDb db, string kind, Guid? before, int n, CancellationToken cancellationToken)
    {
        // Counted from the one before: the second boundary is the ContinuedRead-th document older than the first.
        var ids = before is { } b
            ? db.Database.SqlQuery<Guid>($"""
                SELECT d."DocumentId" AS "Value" FROM search_documents AS d
                WHERE d."Kind" = {kind} AND d."DocumentId" <= {b} ORDER BY d."DocumentId" DESC OFFSET {n - 1} LIMIT 1
                """)
            : db.Database.SqlQuery<Guid>($"""
                SELECT d."DocumentId" AS "Value" FROM search_documents AS d
                WHERE d."Kind" = {kind} ORDER BY d."DocumentId" DESC OFFSET {n - 1} LIMIT 1
                """);
        var found = await ids.ToListAsync(cancellationToken);
        return found.Count == 0 ? null : found[0];
    }
}
