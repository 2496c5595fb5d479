using Enclave.Tests.Support;
using static Enclave.Tests.Tools.Events.EventTestWorld;

namespace Enclave.Tests.Tools.Events;

/// <summary>Over-capacity answers are settled by the database: parallel requests never put more people on "yes" than there are spots.</summary>
public sealed class RsvpCapacityTests
{
    [Theory, Engines]
    public async Task Parallel_yes_answers_never_exceed_the_capacity_and_the_first_waiting_moves_up(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, _, _, org, sphere) = await SphereAsync(app);
        var people = new List<Api>();
        for (var i = 0; i < 10; i++) people.Add(await MemberAsync(app, alice, org, sphere));
        var id = (await CreateAsync(alice, app, sphere, "Workshop", capacity: 3)).Id();

        var answers = await Task.WhenAll(people.Select(p => p.PutOkAsync($"/api/v1/events/{id}/rsvp", new { response = "yes" })));
        Assert.Equal(3, answers.Count(a => a["status"]!.GetValue<string>() == "yes"));
        Assert.Equal(7, answers.Count(a => a["status"]!.GetValue<string>() == "waiting"));
        var ev = await alice.GetOkAsync($"/api/v1/events/{id}");
        Assert.Equal(3, ev["counts"]!["yes"]!.GetValue<int>());
        Assert.Equal(7, ev["counts"]!["waiting"]!.GetValue<int>());
        Assert.Equal(0, ev["counts"]!["spotsLeft"]!.GetValue<int>());

        // The waiting list is in order: ranks 1..7, each once.
        var attendees = (await alice.GetOkAsync($"/api/v1/events/{id}/attendees?status=waiting&limit=100"))["items"]!.AsArray();
        Assert.Equal(Enumerable.Range(1, 7), attendees.Select(a => a!["waitingRank"]!.GetValue<int>()).Order());
        var first = attendees.Single(a => a!["waitingRank"]!.GetValue<int>() == 1)!["user"]!["id"]!.GetValue<Guid>();

        var going = people.Where((p, i) => answers[i]["status"]!.GetValue<string>() == "yes").ToList();
        await going[0].PutOkAsync($"/api/v1/events/{id}/rsvp", new { response = "no" });
        var promoted = people.Single(p => p.UserId == first);
        Assert.Equal("yes", (await promoted.GetOkAsync($"/api/v1/events/{id}"))["myRsvp"]!.GetValue<string>());
        Assert.Equal(3, (await alice.GetOkAsync($"/api/v1/events/{id}"))["counts"]!["yes"]!.GetValue<int>());

        // Leaving and joining at once, in parallel: still never more than three.
        var waiting = people.Where(p => p.UserId != first && !going.Contains(p)).ToList();
        await Task.WhenAll(going.Skip(1).Select(p => p.PutOkAsync($"/api/v1/events/{id}/rsvp", new { response = "maybe" }))
            .Concat(waiting.Select(p => p.PutOkAsync($"/api/v1/events/{id}/rsvp", new { response = "yes" })))
            .Concat([going[0].PutOkAsync($"/api/v1/events/{id}/rsvp", new { response = "yes" })]));
        var after = await alice.GetOkAsync($"/api/v1/events/{id}");
        Assert.Equal(3, after["counts"]!["yes"]!.GetValue<int>());
        Assert.Equal(2, after["counts"]!["maybe"]!.GetValue<int>());
        Assert.Equal(5, after["counts"]!["waiting"]!.GetValue<int>());
    }

    [Theory, Engines]
    public async Task More_spots_move_waiting_people_up_and_the_same_person_answering_twice_at_once_keeps_one_answer(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, bob, _, org, sphere) = await SphereAsync(app);
        var carol = await MemberAsync(app, alice, org, sphere);
        var id = (await CreateAsync(alice, app, sphere, "Dinner", capacity: 1)).Id();
        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => bob.PutOkAsync($"/api/v1/events/{id}/rsvp", new { response = "yes" })));
        var ev = await alice.GetOkAsync($"/api/v1/events/{id}");
        Assert.Equal(1, ev["counts"]!["yes"]!.GetValue<int>());
        Assert.Equal(0, ev["counts"]!["waiting"]!.GetValue<int>());
        Assert.Equal("waiting", (await carol.PutOkAsync($"/api/v1/events/{id}/rsvp", new { response = "yes" }))["status"]!.GetValue<string>());
        Assert.Equal(1, (await carol.GetOkAsync($"/api/v1/events/{id}"))["myWaitingRank"]!.GetValue<int>());
        await alice.PatchOkAsync($"/api/v1/events/{id}", new { capacity = 2 });
        Assert.Equal("yes", (await carol.GetOkAsync($"/api/v1/events/{id}"))["myRsvp"]!.GetValue<string>());
    }
}
