using Enclave.Tests.Support;

namespace Enclave.Tests.Search;

/// <summary>
/// On PostgreSQL, people and spheres are searched in a branch each whose kind test is an equality
/// (SearchService.Parts, PostgresSearchIndex.KindTest). With both kinds in one branch the planner
/// counted the kind twice, took the content index for the names and read every content match of
/// the words: 420 ms instead of 0.6 ms per search on the 100,000-member world (docs/PERFORMANCE.md).
/// The planner's choice depends on a large world's statistics, so this test holds the statement's
/// shape, which is what gives the planner the right estimate.
/// </summary>
[Collection(SqlCommandCounter.Collection)]
public sealed class SearchSqlShapeTests
{
    [Fact]
    public async Task People_and_spheres_are_searched_one_kind_per_branch()
    {
        using var app = new EnclaveApp(Engine.Postgres);
        app.Server.PreserveExecutionContext = true; // the counter follows the test's flow into the app
        var alice = await app.SignUpAsync();
        using var counter = new SqlCommandCounter();
        var names = "";
        List<string> seen = [];
        // EF Core caches its logging configuration for up to a second per pooled context: a listener
        // subscribed just now may miss a request's commands, so ask again until it sees the search (bounded).
        for (var attempt = 0; attempt < 10 && names.Length == 0; attempt++)
        {
            var commands = await SqlCommandCounter.CaptureAsync(async () => await alice.SearchAsync(SearchSupport.Word(), "&type=people,spheres"));
            seen = commands;
            names = commands.FirstOrDefault(c => c.Contains("search_documents") && c.Contains("search_simple")) ?? "";
            if (names.Length == 0) await Task.Delay(TimeSpan.FromSeconds(1.2));
        }
        Assert.False(names.Length == 0, "the counter saw the names statement among: " + string.Join("\n---\n", seen));
        Assert.Contains("d.\"Kind\" = 'person'", names);
        Assert.Contains("d.\"Kind\" = 'sphere'", names);
        Assert.DoesNotContain("IN ('sphere', 'person')", names);
        Assert.Contains("UNION ALL", names);
        // Spheres' names are tested without an index (one document per sphere), never through the content index.
        Assert.Contains("d.\"Kind\" = 'sphere' AND (d.\"Vector\" || ''::tsvector) @@", names);
    }
}
