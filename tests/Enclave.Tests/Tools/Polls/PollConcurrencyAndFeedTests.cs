using System.Net;
using Enclave.Server.Tools.Polls;
using Enclave.Tests.Posts;
using Enclave.Tests.Posts.Attachments;
using Enclave.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Tests.Tools.Polls;

public sealed class PollConcurrencyAndFeedTests
{
    [Theory, Engines]
    public async Task Parallel_votes_by_one_person_leave_exactly_one_ballot_with_one_request_choices(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, bob, _, _, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(app);
        var poll = await PollEndpointsTests.CreateAsync(alice, sphere, new { multiple = true }, "a", "b", "c", "d");
        var id = poll["id"]!.GetValue<Guid>();
        var options = Enumerable.Range(0, 4).Select(i => PollEndpointsTests.Option(poll, i)).ToList();
        // Each request names two options; a mix of two requests would show as another pair or more than two.
        var pairs = Enumerable.Range(0, 16).Select(i => new[] { options[i % 4], options[(i + 1) % 4] }).ToList();
        var responses = await Task.WhenAll(pairs.Select(p => bob.PutAsync($"/api/v1/polls/{id}/vote", new { optionIds = p })));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));

        var ballots = await app.WithDbAsync(db => db.Set<PollBallot>().AsNoTracking().Where(b => b.PollId == id).ToListAsync());
        var ballot = Assert.Single(ballots);
        Assert.Equal(bob.UserId, ballot.UserId);
        var chosen = await app.WithDbAsync(db => db.Set<PollChoice>().AsNoTracking().Where(c => c.PollId == id).Select(c => c.OptionId).ToListAsync());
        Assert.Contains(pairs, p => p.ToHashSet().SetEquals(chosen) && chosen.Count == 2);
        var view = await bob.GetOkAsync($"/api/v1/polls/{id}");
        Assert.Equal(1, view["ballotCount"]!.GetValue<int>());
        Assert.Equal(2, view["results"]!["options"]!.AsArray().Sum(o => o!["count"]!.GetValue<int>()));
    }

    [Theory, Engines]
    public async Task Parallel_votes_by_many_people_are_counted_exactly(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync();
        var org = await alice.CreateOrganizationAsync();
        var sphere = await alice.CreateSphereAsync(org);
        var voters = new List<Api>();
        for (var i = 0; i < 12; i++)
        {
            var voter = await app.SignUpAsync();
            await alice.InviteAndAcceptAsync($"/api/v1/organizations/{org}", voter);
            await alice.InviteAndAcceptAsync($"/api/v1/spheres/{sphere}", voter);
            voters.Add(voter);
        }
        var poll = await PollEndpointsTests.CreateAsync(alice, sphere, new { resultsVisibility = "after_close" });
        var id = poll["id"]!.GetValue<Guid>();
        // Each person sends their vote twice at once; the first 8 pick option 0, the others option 2.
        var calls = voters.SelectMany((v, i) => Enumerable.Repeat(v, 2).Select(x => x.PutAsync($"/api/v1/polls/{id}/vote",
            new { optionIds = new[] { PollEndpointsTests.Option(poll, i < 8 ? 0 : 2) } }))).ToList();
        Assert.All(await Task.WhenAll(calls), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await alice.PostOkAsync($"/api/v1/polls/{id}/close");
        var results = await alice.GetOkAsync($"/api/v1/polls/{id}/results");
        Assert.Equal(12, results["ballots"]!.GetValue<int>());
        Assert.Equal([8, 0, 4], results["options"]!.AsArray().Select(o => o!["count"]!.GetValue<int>()).ToArray());
    }

    [Theory, Engines]
    public async Task A_new_poll_is_shared_in_the_feed_with_its_card_unless_asked_not_to(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, bob, _, _, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(app);
        var poll = await PollEndpointsTests.CreateAsync(alice, sphere);
        var id = poll["id"]!.GetValue<Guid>();
        var postId = poll["postId"]!.GetValue<Guid>();
        await bob.PutOkAsync($"/api/v1/polls/{id}/vote", new { optionIds = new[] { PollEndpointsTests.Option(poll, 0) } });
        var post = await bob.GetOkAsync($"/api/v1/posts/{postId}");
        Assert.Equal("Where do we eat?", post["body"]!.GetValue<string>());
        var card = post["tool"]!;
        Assert.Equal("poll", card["kind"]!.GetValue<string>());
        Assert.Equal(id, card["id"]!.GetValue<Guid>());
        Assert.Equal($"/polls/{id}", card["url"]!.GetValue<string>());
        Assert.Equal(1, card["data"]!["ballots"]!.GetValue<int>());
        Assert.Equal("In progress", card["status"]!.GetValue<string>());

        var quiet = await PollEndpointsTests.CreateAsync(alice, sphere, new { shareInFeed = false });
        Assert.Null(quiet["postId"]);
        // Sharing it later through the posts API, with the generic tool reference.
        var shared = await alice.PostOkAsync($"/api/v1/spheres/{sphere}/posts", new { body = "Vote!", tool = new { kind = "poll", id = quiet["id"]!.GetValue<Guid>() } });
        Assert.Equal(quiet["id"]!.GetValue<Guid>(), shared["tool"]!["id"]!.GetValue<Guid>());
    }

    [Theory, Engines]
    public async Task Posts_refuse_a_malformed_poll_reference_and_a_poll_of_another_sphere(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, _, _, org, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(app);
        var other = await alice.CreateSphereAsync(org);
        var elsewhere = await PollEndpointsTests.CreateAsync(alice, other, new { shareInFeed = false });
        var problem = await Api.ProblemAsync(alice.PostAsync($"/api/v1/spheres/{sphere}/posts", new { body = "x", tool = new { kind = "poll" } }), HttpStatusCode.BadRequest, "validation_failed");
        Assert.NotNull(problem["errors"]!["tool.id"]);
        await Api.ProblemAsync(alice.PostAsync($"/api/v1/spheres/{sphere}/posts", new { body = "x", tool = new { kind = "pol", id = elsewhere["id"]!.GetValue<Guid>() } }), HttpStatusCode.BadRequest, "validation_failed");
        await Api.ProblemAsync(alice.SendRawAsync(HttpMethod.Post, $"/api/v1/spheres/{sphere}/posts", "{\"body\":\"x\",\"tool\":{\"kind\":\"poll\",\"id\":\"nope\"}}"), HttpStatusCode.BadRequest);
        await Api.ProblemAsync(alice.PostAsync($"/api/v1/spheres/{sphere}/posts", new { body = "x", tool = new { kind = "poll", id = elsewhere["id"]!.GetValue<Guid>() } }),
            (HttpStatusCode)422, "tool_item_not_found");
        await Api.ProblemAsync(alice.PostAsync($"/api/v1/spheres/{sphere}/posts", new { body = "x", tool = new { kind = "poll", id = Guid.CreateVersion7() } }),
            (HttpStatusCode)422, "tool_item_not_found");
    }
}
