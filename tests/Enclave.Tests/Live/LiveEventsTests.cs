using System.Diagnostics;
using System.Net;
using Enclave.Tests.Posts;
using Enclave.Tests.Support;
using Xunit.Abstractions;

namespace Enclave.Tests.Live;

public sealed class LiveEventsTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Theory, Engines]
    public async Task A_new_post_reaches_connected_members_and_nobody_else(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, bob, outsider, _, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(app);
        await using var bobStream = (await EventStream.OpenAsync(bob)).Stream;
        await using var outsiderStream = (await EventStream.OpenAsync(outsider)).Stream;

        var clock = Stopwatch.StartNew();
        var post = await alice.PostOkAsync($"/api/v1/spheres/{sphere}/posts", new { body = "Live!" });
        var id = post["id"]!.ToString();
        var (match, _) = await bobStream.WaitForAsync("post.created", id, Wait);
        Assert.NotNull(match);
        output.WriteLine($"{engine}: post.created delivered in {clock.ElapsedMilliseconds} ms");

        // A private post to alice only, then a sentinel the outsider may see: by the time the
        // sentinel arrives, any leaked event would have arrived before it.
        var secret = await alice.PostOkAsync($"/api/v1/spheres/{sphere}/posts", new { body = "Secret", recipientIds = new[] { alice.UserId } });
        Assert.True(secret["isPrivate"]!.GetValue<bool>());
        var open = await outsider.CreateOrganizationAsync();
        var own = await outsider.CreateSphereAsync(open);
        var sentinel = (await outsider.PostOkAsync($"/api/v1/spheres/{own}/posts", new { body = "sentinel" }))["id"]!.ToString();
        var (seenSentinel, seen) = await outsiderStream.WaitForAsync("post.created", sentinel, Wait);
        Assert.NotNull(seenSentinel);
        Assert.DoesNotContain(seen, e => e.Data.Contains(id, StringComparison.Ordinal) || e.Data.Contains(sphere.ToString(), StringComparison.Ordinal));

        var (_, bobSeen) = await bobStream.WaitForAsync("never", "never", TimeSpan.FromSeconds(1));
        Assert.DoesNotContain(bobSeen, e => e.Data.Contains(secret["id"]!.ToString(), StringComparison.Ordinal));
    }

    [Theory, Engines]
    public async Task A_removed_member_receives_nothing_more(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, bob, _, _, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(app);
        var bobsOwn = await bob.CreateSphereAsync(null);
        await using var stream = (await EventStream.OpenAsync(bob)).Stream;
        await alice.DeleteOkAsync($"/api/v1/spheres/{sphere}/members/{bob.UserId}");
        var after = (await alice.PostOkAsync($"/api/v1/spheres/{sphere}/posts", new { body = "after removal" }))["id"]!.ToString();
        await alice.PostOkAsync($"/api/v1/posts/{after}/comments", new { body = "and a comment" });
        var sentinel = (await bob.PostOkAsync($"/api/v1/spheres/{bobsOwn}/posts", new { body = "sentinel" }))["id"]!.ToString();
        var (seenSentinel, seen) = await stream.WaitForAsync("post.created", sentinel, Wait);
        Assert.NotNull(seenSentinel);
        Assert.DoesNotContain(seen, e => e.Data.Contains(sphere.ToString(), StringComparison.Ordinal));
    }

    [Theory, Engines]
    public async Task Reconnecting_with_last_event_id_replays_what_was_missed(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, bob, _, _, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(app);
        string lastId;
        await using (var first = (await EventStream.OpenAsync(bob)).Stream)
        {
            var marker = (await alice.PostOkAsync($"/api/v1/spheres/{sphere}/posts", new { body = "seen" }))["id"]!.ToString();
            var (seen, _) = await first.WaitForAsync("post.created", marker, Wait);
            lastId = seen!.Value.EventId!;
        }
        var missed1 = (await alice.PostOkAsync($"/api/v1/spheres/{sphere}/posts", new { body = "missed one" }))["id"]!.ToString();
        var missed2 = (await alice.PostOkAsync($"/api/v1/spheres/{sphere}/posts", new { body = "missed two" }))["id"]!.ToString();
        var (second, replayed) = await EventStream.OpenAsync(bob, lastId);
        await using (second)
        {
            var created = replayed.Where(e => e.EventType == "post.created").Select(e => e.Data).ToList();
            Assert.Equal(2, created.Count);
            Assert.Contains(missed1, created[0], StringComparison.Ordinal);
            Assert.Contains(missed2, created[1], StringComparison.Ordinal);
        }
        await Api.ProblemAsync(bob.Http.GetAsync("/api/v1/events?lastEventId=not-an-id"), HttpStatusCode.BadRequest, "validation_failed");
        await Api.ProblemAsync(app.Anonymous().GetAsync("/api/v1/events"), HttpStatusCode.Unauthorized, "unauthenticated");
    }

    /// <summary>Two stateless app nodes on one PostgreSQL: a post made on one reaches a stream held by the other.</summary>
    [Fact]
    public async Task Events_cross_app_instances_through_postgres()
    {
        using var nodeA = new EnclaveApp(Engine.Postgres);
        using var nodeB = new EnclaveApp(Engine.Postgres, connectionString: nodeA.ConnectionString);
        var (alice, _, _, _, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(nodeA);
        var bobOnB = await nodeB.SignUpAsync();
        await alice.InviteAndAcceptAsync($"/api/v1/organizations/{(await alice.GetOkAsync($"/api/v1/spheres/{sphere}"))["organizationId"]}", bobOnB);
        await alice.InviteAndAcceptAsync($"/api/v1/spheres/{sphere}", bobOnB);
        await using var stream = (await EventStream.OpenAsync(bobOnB)).Stream;
        var id = (await alice.PostOkAsync($"/api/v1/spheres/{sphere}/posts", new { body = "from node A" }))["id"]!.ToString();
        var (match, _) = await stream.WaitForAsync("post.created", id, Wait);
        Assert.NotNull(match);
    }
}
