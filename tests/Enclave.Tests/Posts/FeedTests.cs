using System.Net;
using Enclave.Server.Posts;
using Enclave.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Enclave.Tests.Posts;

public sealed class FeedTests
{
    [Theory, Engines]
    public async Task The_home_feed_merges_my_spheres_newest_first_with_labels(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, bob, _, org, sphereA) = await PostEndpointsTests.SphereWithTwoMembersAsync(app);
        var sphereB = await alice.CreateSphereAsync(org, name: "Second sphere");
        await alice.InviteAndAcceptAsync($"/api/v1/spheres/{sphereB}", bob);
        var otherOrg = await bob.CreateOrganizationAsync("Bob's club");
        var sphereC = await bob.CreateSphereAsync(otherOrg, name: "Club news");
        var expected = new List<Guid>();
        foreach (var (author, sphere) in new[] { (alice, sphereA), (bob, sphereC), (alice, sphereB), (bob, sphereA), (bob, sphereC) })
            expected.Insert(0, (await author.PostOkAsync($"/api/v1/spheres/{sphere}/posts", new { body = "news" }))["id"]!.GetValue<Guid>());

        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await bob.GetOkAsync($"/api/v1/feed?limit=2{(cursor is null ? "" : "&cursor=" + cursor)}");
            seen.AddRange(page["items"]!.AsArray().Select(p => p!["id"]!.GetValue<Guid>()));
            cursor = page["nextCursor"]?.GetValue<string>();
        } while (cursor is not null);
        Assert.Equal(expected, seen);

        var onlyClub = await bob.GetOkAsync($"/api/v1/feed?organizationId={otherOrg}");
        Assert.All(onlyClub["items"]!.AsArray(), p =>
        {
            Assert.Equal("Bob's club", p!["organizationName"]!.GetValue<string>());
            Assert.Equal("Club news", p["sphereName"]!.GetValue<string>());
        });
        Assert.Equal(2, onlyClub["items"]!.AsArray().Count);
        // Alice is not in Bob's club: its posts never reach her feed.
        var aliceFeed = await alice.GetOkAsync("/api/v1/feed?limit=100");
        Assert.DoesNotContain(aliceFeed["items"]!.AsArray(), p => p!["sphereId"]!.GetValue<Guid>() == sphereC);
    }

    /// <summary>
    /// Past 40 readable spheres SQLite reads the feed in several UNION statements (PostgreSQL reads
    /// every feed in one LATERAL statement): same order, same paging, same visibility.
    /// </summary>
    [Theory, Engines]
    public async Task A_reader_of_many_spheres_gets_the_same_feed(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, bob, carol, _, _, shared) = await PostEndpointsTests.SphereWithThreeMembersAsync(app);
        var own = await bob.CreateOrganizationAsync("Bob's many spheres");
        var expected = new List<Guid>();
        async Task PostAsync(Api author, Guid sphere, object body) =>
            expected.Insert(0, (await author.PostOkAsync($"/api/v1/spheres/{sphere}/posts", body))["id"]!.GetValue<Guid>());
        await PostAsync(alice, shared, new { body = "for everyone in the sphere" });
        for (var i = 0; i < 44; i++) await PostAsync(bob, await bob.CreateSphereAsync(own, name: $"Sphere {i}"), new { body = $"news {i}" });
        await PostAsync(alice, shared, new { body = "just for Bob", recipientIds = new[] { bob.UserId } });
        // Addressed to Carol alone: in a sphere Bob reads, and still not for him.
        await alice.PostOkAsync($"/api/v1/spheres/{shared}/posts", new { body = "just for Carol", recipientIds = new[] { carol.UserId } });

        var seen = new List<Guid>();
        string? cursor = null;
        for (var pages = 0; pages == 0 || cursor is not null; pages++)
        {
            Assert.True(pages < 10, "the cursor should reach the end in 7 pages");
            var page = await bob.GetOkAsync($"/api/v1/feed?limit=7{(cursor is null ? "" : "&cursor=" + cursor)}");
            seen.AddRange(page["items"]!.AsArray().Select(p => p!["id"]!.GetValue<Guid>()));
            cursor = page["nextCursor"]?.GetValue<string>();
        }
        Assert.Equal(expected, seen);
    }

    [Theory, Engines]
    public async Task Unread_counts_follow_read_markers(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, bob, _, _, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(app);
        var first = (await alice.PostOkAsync($"/api/v1/spheres/{sphere}/posts", new { body = "one" }))["id"]!.GetValue<Guid>();
        await alice.PostOkAsync($"/api/v1/spheres/{sphere}/posts", new { body = "two" });
        await bob.PostOkAsync($"/api/v1/spheres/{sphere}/posts", new { body = "my own" });
        int UnreadOf(System.Text.Json.Nodes.JsonNode list) => list.AsArray().Single(u => u!["sphereId"]!.GetValue<Guid>() == sphere)!["unread"]!.GetValue<int>();

        Assert.Equal(2, UnreadOf(await bob.GetOkAsync("/api/v1/me/unread")));
        await bob.PostOkAsync($"/api/v1/spheres/{sphere}/read", new { upTo = first });
        Assert.Equal(1, UnreadOf(await bob.GetOkAsync("/api/v1/me/unread")));
        await bob.PostOkAsync($"/api/v1/spheres/{sphere}/read");
        Assert.Equal(0, UnreadOf(await bob.GetOkAsync("/api/v1/me/unread")));
        await alice.PostOkAsync($"/api/v1/spheres/{sphere}/posts", new { body = "three" });
        Assert.Equal(1, UnreadOf(await bob.GetOkAsync("/api/v1/me/unread")));
        await bob.PostOkAsync("/api/v1/feed/read");
        Assert.Equal(0, UnreadOf(await bob.GetOkAsync("/api/v1/me/unread")));
    }

    /// <summary>A scheduled post is the author's alone until the background job publishes it; then it leads the feed.</summary>
    [Theory, Engines]
    public async Task Scheduled_posts_publish_when_due_and_scheduled_deletion_removes_them(Engine engine)
    {
        using var app = new EnclaveApp(engine);
        var (alice, bob, _, _, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(app);
        var publishAt = app.Clock.GetUtcNow().UtcDateTime.AddHours(2);
        var scheduled = await alice.PostOkAsync($"/api/v1/spheres/{sphere}/posts", new { body = "Later", publishAt, deleteAt = publishAt.AddDays(1) });
        var id = scheduled["id"]!.GetValue<Guid>();
        Assert.Null(scheduled["publishedAt"]);
        await Api.ProblemAsync(bob.GetAsync($"/api/v1/posts/{id}"), HttpStatusCode.NotFound, "not_found");
        Assert.Empty((await bob.GetOkAsync($"/api/v1/spheres/{sphere}/posts"))["items"]!.AsArray());
        var now = await bob.PostOkAsync($"/api/v1/spheres/{sphere}/posts", new { body = "Now" });

        async Task RunJobAsync()
        {
            using var scope = app.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<ScheduledPosts>().RunDueAsync(CancellationToken.None);
        }
        await RunJobAsync();
        await Api.ProblemAsync(bob.GetAsync($"/api/v1/posts/{id}"), HttpStatusCode.NotFound, "not_found");
        app.Clock.Advance(TimeSpan.FromHours(2));
        await RunJobAsync();
        var feed = await bob.GetOkAsync($"/api/v1/spheres/{sphere}/posts");
        Assert.Equal([id, now["id"]!.GetValue<Guid>()], feed["items"]!.AsArray().Select(p => p!["id"]!.GetValue<Guid>()));
        app.Clock.Advance(TimeSpan.FromDays(1));
        await RunJobAsync();
        await Api.ProblemAsync(bob.GetAsync($"/api/v1/posts/{id}"), HttpStatusCode.NotFound, "not_found");
    }
}
