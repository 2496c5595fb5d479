using Enclave.Server.Data;
using Enclave.Server.Posts;
using Enclave.Server.Search;
using Enclave.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Enclave.Tests.Search;

/// <summary>
/// On PostgreSQL the newest matches are read in steps over ranges of documents (NewestContent,
/// docs/PERFORMANCE.md fix 10). With the steps' bounds lowered to a few documents, each way through
/// them must give exactly what one pass would: the newest readable matches of posts and comments
/// together, nothing of a sphere the reader is not in, of a post addressed to someone else, or of a
/// comment on such a post.
/// </summary>
[Collection(SqlCommandCounter.Collection)]
public sealed class NewestContentTests
{
    /// <summary>Posts written, one second apart, oldest first (with about 100 comments among them).</summary>
    private const int Posts = 420;

    public static TheoryData<string, int, int, int, int> Ways => new()
    {
        // name, SphereBranches, RareMatches, SphereDocuments, NewestRead
        { "sphere by sphere, then the full-text index", 20, 0, 1_000_000, 7 },
        { "sphere by sphere, then the spheres' older documents", 20, 0, 0, 7 },
        { "by the primary key, then the full-text index", 0, 0, 1_000_000, 7 },
        { "by the primary key, then the spheres' older documents", 0, 0, 0, 7 },
        { "rare words: the full-text index after the first step", 20, 1_000_000, 1_000_000, 7 },
        { "by the primary key, rare words", 0, 1_000_000, 1_000_000, 7 },
        { "the first step reads everything", 20, 0, 1_000_000, 100_000 },
    };

    [Theory, MemberData(nameof(Ways))]
    public async Task Every_way_through_the_steps_gives_the_newest_readable_matches(string way, int sphereBranches, int rareMatches, int sphereDocuments,
        int newestRead)
    {
        using var app = new EnclaveApp(Engine.Postgres, new Dictionary<string, string?>
        {
            ["Search:NewestRead"] = newestRead.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Search:ContinuedRead"] = "25",
            ["Search:RareMatches"] = rareMatches.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Search:SphereBranches"] = sphereBranches.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Search:SphereDocuments"] = sphereDocuments.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Search:BoundariesFor"] = "00:00:00",
        });
        var (alice, bob, org, first, second) = await SearchSupport.TwoSpheresWithTwoMembersAsync(app);
        var closed = await alice.CreateSphereAsync(org);
        var word = SearchSupport.Word();
        var world = await InsertAsync(app, org, alice.UserId, word, first, second, closed);

        var readable = world.Where(d => d.Matches && d.Readable).Select(d => d.Id).ToList();
        Assert.True(readable.Count > SearchService.TotalCap, "the test needs more readable matches than the window holds");
        var (page, seen) = await bob.AllPagesAsync(word, "&type=posts,comments&limit=100");
        Assert.True(page["totalIsLowerBound"]!.GetValue<bool>(), way);
        Assert.Equal(SearchService.TotalCap, seen.Count);
        Assert.True(readable.TakeLast(SearchService.TotalCap).ToHashSet().SetEquals(seen), $"{way}: the window is the newest readable matches, each once");
        Assert.Contains(seen, id => world.Single(d => d.Id == id).IsComment);

        // Narrowed to the first sphere: fewer matches than the window, so every step runs to the oldest document.
        var inFirst = world.Where(d => d.Matches && d.Readable && d.Sphere == first).Select(d => d.Id).ToHashSet();
        var (narrowed, narrowedSeen) = await bob.AllPagesAsync(word, $"&type=posts,comments&limit=100&sphereId={first}");
        Assert.True(inFirst.Count < SearchService.TotalCap);
        Assert.Equal(inFirst.Count, narrowed.Total());
        Assert.True(inFirst.SetEquals(narrowedSeen), $"{way}: narrowed to one sphere, all of its readable matches");
    }

    /// <summary>The statements name their steps; with bounds this low, a search takes them all.</summary>
    [Fact]
    public async Task A_search_past_the_first_step_reads_in_steps()
    {
        using var app = new EnclaveApp(Engine.Postgres, new Dictionary<string, string?>
        {
            ["Search:NewestRead"] = "5", ["Search:ContinuedRead"] = "10", ["Search:RareMatches"] = "0", ["Search:BoundariesFor"] = "00:00:00",
        });
        app.Server.PreserveExecutionContext = true; // the counter follows the test's flow into the app
        var (alice, bob, org, first, second) = await SearchSupport.TwoSpheresWithTwoMembersAsync(app);
        var word = SearchSupport.Word();
        await InsertAsync(app, org, alice.UserId, word, first, second, await alice.CreateSphereAsync(org));

        List<string> seen = [];
        // EF Core caches its logging configuration for up to a second per pooled context: a listener
        // subscribed just now may miss a request's first commands, so ask again until it sees the
        // search from its start, the transaction's settings (bounded).
        using var counter = new SqlCommandCounter();
        static bool Whole(List<string> commands) => commands.Any(c => c.Contains("SET LOCAL work_mem"));
        for (var attempt = 0; attempt < 10 && !Whole(seen); attempt++)
        {
            seen = await SqlCommandCounter.CaptureAsync(async () => await bob.SearchAsync(word, "&type=posts,comments"));
            if (!Whole(seen)) await Task.Delay(TimeSpan.FromSeconds(1.2));
        }
        Assert.True(Whole(seen), "the counter saw a whole search");
        var steps = seen.Where(c => c.Contains("/* search:")).ToList();
        Assert.True(steps.Count >= 3, "the first step, a second for each kind and more: " + string.Join("\n---\n", steps));
        Assert.Contains(steps, c => c.Contains("search:spherewise") && c.Contains("UNION ALL")); // both kinds in the first statement
        Assert.Contains(seen, c => c.Contains("SET LOCAL enable_bitmapscan = off"));
        Assert.Contains(steps, c => c.Contains("d.\"DocumentId\" < ")); // a later step, older than the first one's documents
    }

    private sealed record Doc(Guid Id, Guid Sphere, bool IsComment, bool Matches, bool Readable);

    /// <summary>
    /// Straight through the app's EF context (one save; the search triggers index them), one second
    /// apart, oldest first: posts spread over the three spheres (a fifth in the closed one, every
    /// seventh private to alice), every third without the word, and from the 60th on, every third
    /// followed by a comment on one of the 11 earliest posts of its sphere (on a private post: alice's, bob cannot see it).
    /// </summary>
    private static async Task<List<Doc>> InsertAsync(EnclaveApp app, Guid org, Guid author, string word, Guid first, Guid second, Guid closed)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EnclaveDb>();
        var start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddDays(-1).ToUnixTimeSeconds());
        var docs = new List<Doc>();
        var at = start;
        for (var i = 0; i < Posts; i++)
        {
            var sphere = i % 5 == 0 ? closed : i % 4 == 1 ? first : second;
            var isPrivate = i % 7 == 3;
            var matches = i % 3 != 2;
            var id = Guid.CreateVersion7(at);
            var body = matches ? $"Note {i} {word}" : $"Note {i}";
            db.Add(new Post
            {
                Id = id, OrganizationId = org, SphereId = sphere, AuthorId = author, Body = body, BodyHtml = $"<p>{body}</p>",
                FeedKey = id, CreatedAt = at.UtcDateTime, PublishedAt = at.UtcDateTime, IsPrivate = isPrivate,
            });
            docs.Add(new Doc(id, sphere, false, matches, sphere != closed && !isPrivate));
            at = at.AddSeconds(1);
            if (i < 60 || i % 3 != 0) continue;
            var on = docs.Where(d => !d.IsComment && d.Sphere == sphere).ElementAt(i % 11);
            var commentId = Guid.CreateVersion7(at);
            var text = i % 2 == 0 ? $"Reply {i} {word}" : $"Reply {i}";
            db.Add(new Comment
            {
                Id = commentId, OrganizationId = org, SphereId = sphere, PostId = on.Id, AuthorId = author, Body = text, BodyHtml = $"<p>{text}</p>",
                Status = CommentStatus.Published, CreatedAt = at.UtcDateTime,
            });
            var postVisible = docs.Single(d => d.Id == on.Id).Readable;
            docs.Add(new Doc(commentId, sphere, true, i % 2 == 0, sphere != closed && postVisible));
            at = at.AddSeconds(1);
        }
        await db.SaveChangesAsync();
        return docs;
    }
}
