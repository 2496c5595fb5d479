using Enclave.Server.Data;
using Enclave.Server.Posts;
using Enclave.Server.Search;
using Enclave.Tests.Posts;
using Enclave.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Enclave.Tests.Search;

/// <summary>
/// Past <see cref="SearchService.TotalCap"/> accessible matches, search ranks the most recent ones
/// (docs/api/conversations.md#search): the total says so, every page comes from that window, and the
/// older matches are reached by narrowing the search.
/// </summary>
public sealed class SearchWindowTests
{
    private const int Extra = 5;

    [Theory, Engines]
    public async Task More_matches_than_the_cap_rank_the_most_recent_ones(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, bob, _, org, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(app);
        var word = SearchSupport.Word();
        // Whole seconds, one apart, oldest first, from a day ago.
        var start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddDays(-1).ToUnixTimeSeconds());
        var ids = await InsertPostsAsync(app, org, sphere, alice.UserId, word, start, SearchService.TotalCap + Extra);
        var newest = ids.Skip(Extra).ToHashSet();

        foreach (var scope in new[] { "", $"&sphereId={sphere}" })
        {
            var (first, seen) = await bob.AllPagesAsync(word, $"&type=posts&limit=100{scope}");
            Assert.Equal(SearchService.TotalCap, first.Total());
            Assert.True(first["totalIsLowerBound"]!.GetValue<bool>());
            Assert.Equal(SearchService.TotalCap, seen.Count);
            Assert.True(newest.SetEquals(seen), "every page comes from the most recent matches, each once");
        }

        // Narrowing reaches the older ones: they were published before the window's first.
        var older = await bob.SearchAsync(word, $"&type=posts&to={Uri.EscapeDataString(start.AddSeconds(Extra).UtcDateTime.ToString("O"))}");
        Assert.Equal(ids.Take(Extra).ToHashSet(), older.Ids().ToHashSet());
        Assert.False(older["totalIsLowerBound"]!.GetValue<bool>());
    }

    /// <summary>
    /// The window is the most recent matches across every sphere the reader reads, not per sphere
    /// (PostgreSQL reads a few spheres' matches through the sphere index, many spheres' newest first;
    /// SearchIndex.ContentHits). Newer matches the reader may not see (another sphere, a private post
    /// addressed to someone else) take no place in it.
    /// </summary>
    [Theory, Engines]
    public async Task The_window_spans_the_readers_spheres(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, bob, org, first, second) = await SearchSupport.TwoSpheresWithTwoMembersAsync(app);
        var closed = await alice.CreateSphereAsync(org);
        var word = SearchSupport.Word();
        var start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddDays(-1).ToUnixTimeSeconds());
        // Every fourth post in the first sphere, the rest in the second; every seventh is private to alice
        // (bob is not addressed); the newest ten are in a sphere bob is not in.
        var count = SearchService.TotalCap + 50;
        var ids = await InsertPostsAsync(app, org, i => i >= count - 10 ? closed : i % 4 == 0 ? first : second, alice.UserId, word, start, count,
            isPrivate: i => i % 7 == 3);
        var readable = ids.Where((_, i) => i < count - 10 && i % 7 != 3).ToList();
        Assert.True(readable.Count > SearchService.TotalCap, "the test needs more readable matches than the window holds");
        var newest = readable.TakeLast(SearchService.TotalCap).ToHashSet();

        var (page, seen) = await bob.AllPagesAsync(word, "&type=posts&limit=100");
        Assert.Equal(SearchService.TotalCap, page.Total());
        Assert.True(page["totalIsLowerBound"]!.GetValue<bool>());
        Assert.Equal(SearchService.TotalCap, seen.Count);
        Assert.True(newest.SetEquals(seen), "the window is the newest readable matches of both spheres together, each once");

        // Narrowed to the first sphere, its own newest matches (fewer than the window).
        var inFirst = await bob.SearchAsync(word, $"&type=posts&limit=100&sphereId={first}");
        var firstIds = ids.Where((_, i) => i < count - 10 && i % 7 != 3 && i % 4 == 0).ToHashSet();
        Assert.Equal(firstIds.Count, inFirst.Total());
        Assert.True(firstIds.SetEquals(inFirst.Ids()));
    }

    /// <summary>Posts straight through the app's EF context (one save; the search triggers index them), one second apart, oldest first.</summary>
    private static Task<List<Guid>> InsertPostsAsync(EnclaveApp app, Guid org, Guid sphere, Guid author, string word, DateTimeOffset start, int count) =>
        InsertPostsAsync(app, org, _ => sphere, author, word, start, count, _ => false);

    /// <summary>As above, the i-th post in <paramref name="sphereOf"/>(i), private to its author when <paramref name="isPrivate"/>(i).</summary>
    private static async Task<List<Guid>> InsertPostsAsync(EnclaveApp app, Guid org, Func<int, Guid> sphereOf, Guid author, string word, DateTimeOffset start, int count,
        Func<int, bool> isPrivate)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EnclaveDb>();
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var at = start.AddSeconds(i);
            var id = Guid.CreateVersion7(at);
            db.Add(new Post
            {
                Id = id, OrganizationId = org, SphereId = sphereOf(i), AuthorId = author, Body = $"Note {i} {word}", BodyHtml = $"<p>Note {i} {word}</p>",
                FeedKey = id, CreatedAt = at.UtcDateTime, PublishedAt = at.UtcDateTime, IsPrivate = isPrivate(i),
            });
            ids.Add(id);
        }
        await db.SaveChangesAsync();
        return ids;
    }
}
