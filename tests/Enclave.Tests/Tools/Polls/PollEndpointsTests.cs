using System.Net;
using System.Text.Json.Nodes;
using Enclave.Server.Tools.Polls;
using Enclave.Tests.Posts;
using Enclave.Tests.Posts.Attachments;
using Enclave.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Tests.Tools.Polls;

public sealed class PollEndpointsTests
{
    internal static async Task<JsonNode> CreateAsync(Api author, Guid sphere, object? extra = null, params string[] options)
    {
        var body = new JsonObject { ["question"] = "Where do we eat?", ["options"] = new JsonArray((options.Length > 0 ? options : ["Pizza", "Sushi", "Salad"]).Select(o => (JsonNode?)o).ToArray()) };
        if (extra is not null)
            foreach (var (k, v) in System.Text.Json.JsonSerializer.SerializeToNode(extra, Api.Json)!.AsObject()) body[k] = v?.DeepClone();
        return await author.PostOkAsync($"/api/v1/spheres/{sphere}/polls", body);
    }

    internal static Guid Option(JsonNode poll, int index) => poll["options"]![index]!["id"]!.GetValue<Guid>();

    [Theory, Engines]
    public async Task Members_vote_once_change_their_vote_and_see_results_after_voting(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, bob, outsider, _, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(app);
        var poll = await CreateAsync(alice, sphere, new { anonymous = false });
        var id = poll["id"]!.GetValue<Guid>();
        Assert.Equal("after_vote", poll["resultsVisibility"]!.GetValue<string>());
        Assert.False(poll["anonymous"]!.GetValue<bool>());
        Assert.Null(poll["results"]);

        // Before voting, bob sees the question but no counts.
        var before = await bob.GetOkAsync($"/api/v1/polls/{id}");
        Assert.Null(before["results"]);
        Assert.Null(before["myVote"]);
        await Api.ProblemAsync(bob.GetAsync($"/api/v1/polls/{id}/results"), HttpStatusCode.Forbidden, "results_hidden");

        var voted = await bob.PutOkAsync($"/api/v1/polls/{id}/vote", new { optionIds = new[] { Option(poll, 1) } });
        Assert.Equal(Option(poll, 1), voted["myVote"]!["optionIds"]![0]!.GetValue<Guid>());
        Assert.Equal(1, voted["results"]!["ballots"]!.GetValue<int>());
        var sushi = voted["results"]!["options"]!.AsArray().Single(o => o!["optionId"]!.GetValue<Guid>() == Option(poll, 1))!;
        Assert.Equal(1, sushi["count"]!.GetValue<int>());
        Assert.Equal(bob.User!.UserName, Assert.Single(sushi["voters"]!.AsArray())!["userName"]!.GetValue<string>());

        // Changing the vote replaces it: still one ballot.
        var changed = await bob.PutOkAsync($"/api/v1/polls/{id}/vote", new { optionIds = new[] { Option(poll, 2) } });
        Assert.Equal(1, changed["ballotCount"]!.GetValue<int>());
        var counts = changed["results"]!["options"]!.AsArray().ToDictionary(o => o!["optionId"]!.GetValue<Guid>(), o => o!["count"]!.GetValue<int>());
        Assert.Equal(0, counts[Option(poll, 1)]);
        Assert.Equal(1, counts[Option(poll, 2)]);

        // Alice has not voted: no counts for her yet, only how many voted.
        var forAlice = await alice.GetOkAsync($"/api/v1/polls/{id}");
        Assert.Null(forAlice["results"]);
        Assert.Equal(1, forAlice["ballotCount"]!.GetValue<int>());

        await Api.ProblemAsync(outsider.GetAsync($"/api/v1/polls/{id}"), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(outsider.GetAsync($"/api/v1/polls/{id}/results"), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(outsider.PutAsync($"/api/v1/polls/{id}/vote", new { optionIds = new[] { Option(poll, 0) } }), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(outsider.GetAsync($"/api/v1/spheres/{sphere}/polls"), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(app.Anonymous().GetAsync($"/api/v1/polls/{id}"), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(bob.GetAsync($"/api/v1/polls/{Guid.CreateVersion7()}"), HttpStatusCode.NotFound, "not_found");

        // Taking the vote back.
        Assert.Equal(HttpStatusCode.NoContent, (await bob.DeleteAsync($"/api/v1/polls/{id}/vote")).StatusCode);
        Assert.Equal(0, (await bob.GetOkAsync($"/api/v1/polls/{id}"))["ballotCount"]!.GetValue<int>());

        var list = await bob.GetOkAsync($"/api/v1/spheres/{sphere}/polls");
        Assert.Equal(id, Assert.Single(list["items"]!.AsArray())!["id"]!.GetValue<Guid>());
    }

    [Theory, Engines]
    public async Task Anonymous_polls_never_name_voters_and_store_no_vote_time(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, bob, _, _, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(app);
        var poll = await CreateAsync(alice, sphere, new { allowOther = true, multiple = true });
        var id = poll["id"]!.GetValue<Guid>();
        Assert.True(poll["anonymous"]!.GetValue<bool>());
        await bob.PutOkAsync($"/api/v1/polls/{id}/vote", new { optionIds = new[] { Option(poll, 0) }, other = "Tacos" });
        var seen = await alice.PutOkAsync($"/api/v1/polls/{id}/vote", new { optionIds = new[] { Option(poll, 0), Option(poll, 2) } });
        var results = seen["results"]!;
        Assert.Equal(2, results["ballots"]!.GetValue<int>());
        Assert.All(results["options"]!.AsArray(), o => Assert.Null(o!["voters"]));
        var other = Assert.Single(results["other"]!.AsArray())!;
        Assert.Equal("Tacos", other["text"]!.GetValue<string>());
        Assert.Null(other["voter"]);
        Assert.DoesNotContain(bob.User!.UserName, seen.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(bob.UserId.ToString(), seen.ToJsonString(), StringComparison.Ordinal);
        var ballots = await app.WithDbAsync(db => db.Set<PollBallot>().AsNoTracking().Where(b => b.PollId == id).ToListAsync());
        Assert.All(ballots, b => Assert.Null(b.CastAt));
        Assert.All(ballots, b => Assert.Equal(4, b.Id.Version));
    }

    [Theory, Engines]
    public async Task Results_after_closing_stay_hidden_until_the_author_closes_and_then_nobody_votes(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, bob, _, _, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(app);
        var poll = await CreateAsync(alice, sphere, new { resultsVisibility = "after_close" });
        var id = poll["id"]!.GetValue<Guid>();
        var voted = await bob.PutOkAsync($"/api/v1/polls/{id}/vote", new { optionIds = new[] { Option(poll, 0) } });
        Assert.Null(voted["results"]);
        await Api.ProblemAsync(bob.GetAsync($"/api/v1/polls/{id}/results"), HttpStatusCode.Forbidden, "results_hidden");
        var listed = await bob.GetOkAsync($"/api/v1/spheres/{sphere}/polls");
        Assert.Null(listed["items"]![0]!["results"]);

        await Api.ProblemAsync(bob.PostAsync($"/api/v1/polls/{id}/close"), HttpStatusCode.Forbidden, "not_author");
        var closed = await alice.PostOkAsync($"/api/v1/polls/{id}/close");
        Assert.True(closed["closed"]!.GetValue<bool>());
        Assert.False(closed["canVote"]!.GetValue<bool>());
        var results = await bob.GetOkAsync($"/api/v1/polls/{id}/results");
        Assert.Equal(1, results["options"]![0]!["count"]!.GetValue<int>());
        await Api.ProblemAsync(bob.PutAsync($"/api/v1/polls/{id}/vote", new { optionIds = new[] { Option(poll, 1) } }), HttpStatusCode.Conflict, "poll_closed");
        await Api.ProblemAsync(bob.DeleteAsync($"/api/v1/polls/{id}/vote"), HttpStatusCode.Conflict, "poll_closed");
        Assert.Equal(id, Assert.Single((await bob.GetOkAsync($"/api/v1/spheres/{sphere}/polls?state=closed"))["items"]!.AsArray())!["id"]!.GetValue<Guid>());
        Assert.Empty((await bob.GetOkAsync($"/api/v1/spheres/{sphere}/polls?state=open"))["items"]!.AsArray());

        await Api.ProblemAsync(bob.DeleteAsync($"/api/v1/polls/{id}"), HttpStatusCode.Forbidden, "not_author");
        Assert.Equal(HttpStatusCode.NoContent, (await alice.DeleteAsync($"/api/v1/polls/{id}")).StatusCode);
        await Api.ProblemAsync(bob.GetAsync($"/api/v1/polls/{id}"), HttpStatusCode.NotFound, "not_found");
    }

    [Theory, Engines]
    public async Task Bad_polls_and_bad_votes_are_refused_naming_the_field(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, bob, _, _, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(app);
        async Task Refused(object body, string field)
        {
            var problem = await Api.ProblemAsync(alice.PostAsync($"/api/v1/spheres/{sphere}/polls", body), HttpStatusCode.BadRequest, "validation_failed");
            Assert.NotNull(problem["errors"]![field]);
        }
        await Refused(new { question = "", options = new[] { "a", "b" } }, "question");
        await Refused(new { question = "Q", options = new[] { "a" } }, "options");
        await Refused(new { question = "Q", options = new[] { "a", "A" } }, "options");
        await Refused(new { question = "Q", options = new[] { "a", "" } }, "options[1]");
        await Refused(new { question = "Q", options = new[] { "a", "b" }, maxChoices = 2 }, "maxChoices");
        await Refused(new { question = "Q", options = new[] { "a", "b" }, multiple = true, maxChoices = 5 }, "maxChoices");
        await Refused(new { question = "Q", options = new[] { "a", "b" }, closesAt = DateTime.UtcNow.AddYears(-1) }, "closesAt");
        await Api.ProblemAsync(alice.SendRawAsync(HttpMethod.Post, $"/api/v1/spheres/{sphere}/polls", "{\"question\": 3"), HttpStatusCode.BadRequest);
        await Api.ProblemAsync(alice.PostAsync($"/api/v1/spheres/{sphere}/polls", new { question = "Q", options = new[] { "a", "b" }, resultsVisibility = "never" }), HttpStatusCode.BadRequest);

        var poll = await CreateAsync(alice, sphere, new { multiple = true, maxChoices = 2 });
        var id = poll["id"]!.GetValue<Guid>();
        async Task BadVote(object body, string field)
        {
            var problem = await Api.ProblemAsync(bob.PutAsync($"/api/v1/polls/{id}/vote", body), HttpStatusCode.BadRequest, "validation_failed");
            Assert.NotNull(problem["errors"]![field]);
        }
        await BadVote(new { optionIds = Array.Empty<Guid>() }, "optionIds");
        await BadVote(new { optionIds = new[] { Option(poll, 0), Option(poll, 1), Option(poll, 2) } }, "optionIds");
        await BadVote(new { optionIds = new[] { Guid.CreateVersion7() } }, "optionIds");
        await BadVote(new { optionIds = new[] { Option(poll, 0) }, other = "no free answer here" }, "other");
        Assert.Equal(0, (await bob.GetOkAsync($"/api/v1/polls/{id}"))["ballotCount"]!.GetValue<int>());
    }

    [Theory, Engines]
    public async Task Readers_of_a_public_sphere_see_polls_but_only_members_vote_and_publishers_create(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, bob, outsider, _, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(app, "public");
        var poll = await CreateAsync(alice, sphere);
        var id = poll["id"]!.GetValue<Guid>();
        await outsider.GetOkAsync($"/api/v1/polls/{id}");
        await app.Anonymous().GetOkAsync($"/api/v1/polls/{id}");
        Assert.False((await outsider.GetOkAsync($"/api/v1/polls/{id}"))["canVote"]!.GetValue<bool>());
        await Api.ProblemAsync(outsider.PutAsync($"/api/v1/polls/{id}/vote", new { optionIds = new[] { Option(poll, 0) } }), HttpStatusCode.Forbidden, "members_only");
        await Api.ProblemAsync(outsider.PostAsync($"/api/v1/spheres/{sphere}/polls", new { question = "Q", options = new[] { "a", "b" } }), HttpStatusCode.Forbidden, "cannot_post");
        await bob.PutOkAsync($"/api/v1/polls/{id}/vote", new { optionIds = new[] { Option(poll, 0) } });
    }
}
