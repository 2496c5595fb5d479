using System.Net;
using Enclave.Server.Analytics;
using Enclave.Tests.Moderation;
using Enclave.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Enclave.Tests.Analytics;

public sealed class AnalyticsTests
{
    private static async Task<int> RollupAsync(EnclaveApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ActivityRollup>().RunAsync(CancellationToken.None);
    }

    /// <summary>Two periods of a small world: the rollup counts each row once, and the view compares the periods.</summary>
    [Theory, Engines]
    public async Task Activity_over_a_period_compared_with_the_previous_one(Engine engine)
    {
        await using var app = new EnclaveApp(engine);
        var w = await ModerationWorld.CreateAsync(app);
        // Previous period (8 to 14 days ago): Bob posts twice, Carol comments once.
        app.Clock.Advance(TimeSpan.FromDays(-10));
        var old = await w.PostAsync(w.Bob, "Old news");
        await w.PostAsync(w.Bob, "More old news");
        await w.Carol.PostOkAsync($"/api/v1/posts/{old}/comments", new { body = "Old comment" });
        // Current period: Alice posts once, Bob and Carol react, Carol comments twice.
        app.Clock.Advance(TimeSpan.FromDays(9));
        var fresh = await w.PostAsync(w.Alice, "Fresh news");
        await w.Bob.PostOkAsync($"/api/v1/posts/{fresh}/reactions/like");
        await w.Carol.PostOkAsync($"/api/v1/posts/{fresh}/reactions/love");
        await w.Carol.PostOkAsync($"/api/v1/posts/{fresh}/comments", new { body = "One" });
        await w.Carol.PostOkAsync($"/api/v1/posts/{fresh}/comments", new { body = "Two" });
        app.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(5));

        // The background worker may have run meanwhile; either way, a second run finds nothing new.
        await RollupAsync(app);
        Assert.Equal(0, await RollupAsync(app)); // caught up: nothing counted twice

        var view = await w.Alice.GetOkAsync($"/api/v1/spheres/{w.Sphere}/analytics?days=7");
        Assert.Equal(7, view["perDay"]!.AsArray().Count);
        var current = view["current"]!;
        Assert.Equal((1, 2, 2, 3), (current["posts"]!.GetValue<int>(), current["comments"]!.GetValue<int>(), current["reactions"]!.GetValue<int>(), current["activeMembers"]!.GetValue<int>()));
        var previous = view["previous"]!;
        Assert.Equal((2, 1, 0, 2), (previous["posts"]!.GetValue<int>(), previous["comments"]!.GetValue<int>(), previous["reactions"]!.GetValue<int>(), previous["activeMembers"]!.GetValue<int>()));
        Assert.Equal(w.Carol.UserId, view["topContributors"]![0]!["user"]!["id"]!.GetValue<Guid>());
        Assert.Equal(3, view["perDay"]!.AsArray().Sum(d => d!["posts"]!.GetValue<int>() + d["comments"]!.GetValue<int>()));

        var org = await w.Alice.GetOkAsync($"/api/v1/organizations/{w.Org}/analytics?days=30");
        Assert.Equal(3, org["current"]!["posts"]!.GetValue<int>());
        Assert.Equal(0, org["previous"]!["posts"]!.GetValue<int>());
        await Api.ProblemAsync(w.Alice.GetAsync($"/api/v1/spheres/{w.Sphere}/analytics?days=8"), HttpStatusCode.BadRequest, "validation_failed");
        await Api.ProblemAsync(w.Bob.GetAsync($"/api/v1/spheres/{w.Sphere}/analytics"), HttpStatusCode.Forbidden, "not_moderator");
        await Api.ProblemAsync(w.Bob.GetAsync($"/api/v1/organizations/{w.Org}/analytics"), HttpStatusCode.Forbidden, "not_manager");
    }
}
