namespace Enclave.Tests.Access.Watertightness.Tools;

/// <summary>
/// Polls as read paths: the sphere's poll list, each poll, its results (only for those who voted
/// when results show after voting; for nobody before closing otherwise) and both web pages.
/// </summary>
public sealed class PollsProbe : IToolProbe
{
    private sealed record Seeded(ModelSphere Sphere, Guid AfterVote, Guid AfterClose, string Question, Guid? Voter);

    private readonly List<Seeded> _seeded = [];

    public string Tool => "polls";

    public IEnumerable<string> Required() =>
        ["polls list 200", "polls list 404", "poll 200", "poll 404", "poll results 200", "poll results 403", "poll results 404",
         "polls page 200", "polls page 404", "poll page 200", "poll page 404"];

    public async Task SeedAsync(ToolWorld world)
    {
        foreach (var s in world.Spheres)
        {
            var author = world.Writers(s)[0];
            var question = $"Poll question {Guid.NewGuid():N}";
            var options = new[] { "Yes", "No" };
            var afterVote = await world.WriteAsync(author, HttpMethod.Post, $"/api/v1/spheres/{s.Id}/polls",
                new { question, options, anonymous = false, shareInFeed = false });
            var afterClose = await world.WriteAsync(author, HttpMethod.Post, $"/api/v1/spheres/{s.Id}/polls",
                new { question = question + " later", options, resultsVisibility = "after_close", shareInFeed = false });
            if (afterVote is null || afterClose is null) continue;
            var voter = world.Participants(s).Cast<Guid?>().FirstOrDefault();
            if (voter is { } v)
                foreach (var poll in new[] { afterVote, afterClose })
                    await world.WriteAsync(v, HttpMethod.Put, $"/api/v1/polls/{poll["id"]}/vote", new { optionIds = new[] { poll["options"]![0]!["id"]!.GetValue<Guid>() } });
            _seeded.Add(new Seeded(s, afterVote["id"]!.GetValue<Guid>(), afterClose["id"]!.GetValue<Guid>(), question, voter));
        }
    }

    public async Task CheckAsync(ToolWorld world, Persona viewer)
    {
        foreach (var seeded in _seeded)
        {
            var s = seeded.Sphere;
            var reads = world.Reads(viewer.UserId, s);
            var target = world.Describe(viewer, s);
            await world.ListAsync(viewer, "polls list", target, $"/api/v1/spheres/{s.Id}/polls", reads, new HashSet<Guid> { seeded.AfterVote, seeded.AfterClose }, limit: 1);
            foreach (var id in new[] { seeded.AfterVote, seeded.AfterClose })
            {
                var poll = await world.ItemAsync(viewer, "poll", target, $"/api/v1/polls/{id}", reads);
                var voted = viewer.UserId is not null && viewer.UserId == seeded.Voter;
                var allowed = id == seeded.AfterVote && voted;
                if (poll is not null && (poll["results"] is not null) != allowed)
                    world.Probe.Fail(viewer, target, $"/api/v1/polls/{id}", allowed ? "results" : "no results", allowed ? "none" : "results shown");
                var status = !reads ? 404 : allowed ? 200 : 403;
                world.Probe.Cover($"poll results {status}");
                await world.Probe.StatusAsync(viewer, target, $"/api/v1/polls/{id}/results", status);
            }
            await world.PageAsync(viewer, "polls page", target, $"/s/{s.Id}/polls", reads, [seeded.Question], null);
            await world.PageAsync(viewer, "poll page", target, $"/polls/{seeded.AfterVote}", reads, [seeded.Question], null);
        }
        // A sphere without seeded polls lists none of them.
        foreach (var other in world.OtherSpheres.Take(2))
            await world.ListAsync(viewer, "polls list", world.Describe(viewer, other), $"/api/v1/spheres/{other.Id}/polls", world.Reads(viewer.UserId, other), new HashSet<Guid>());
    }
}
