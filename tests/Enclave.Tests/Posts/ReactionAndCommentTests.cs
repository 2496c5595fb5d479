using System.Net;
using Enclave.Tests.Support;

namespace Enclave.Tests.Posts;

public sealed class ReactionAndCommentTests
{
    [Theory, Engines]
    public async Task Reactions_are_one_of_each_kind_per_person(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, bob, _, _, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(app);
        var id = (await alice.PostOkAsync($"/api/v1/spheres/{sphere}/posts", new { body = "React to me" }))["id"]!.GetValue<Guid>();
        await bob.PostOkAsync($"/api/v1/posts/{id}/reactions/like");
        await Api.ProblemAsync(bob.PostAsync($"/api/v1/posts/{id}/reactions/like"), HttpStatusCode.Conflict, "already_reacted");
        await Api.ProblemAsync(bob.PostAsync($"/api/v1/posts/{id}/reactions/angry"), HttpStatusCode.BadRequest, "unknown_reaction");
        await bob.PostOkAsync($"/api/v1/posts/{id}/reactions/thanks");
        var post = await alice.GetOkAsync($"/api/v1/posts/{id}");
        var reactions = post["reactions"]!.AsArray();
        Assert.Equal(["like", "thanks"], reactions.Select(r => r!["kind"]!.GetValue<string>()));
        Assert.All(reactions, r => Assert.False(r!["mine"]!.GetValue<bool>()));
        await bob.DeleteOkAsync($"/api/v1/posts/{id}/reactions/like");
        await Api.ProblemAsync(bob.DeleteAsync($"/api/v1/posts/{id}/reactions/like"), HttpStatusCode.NotFound, "not_found");
    }

    /// <summary>Parallel identical clicks: the unique index lets exactly one through.</summary>
    [Theory, Engines]
    public async Task Concurrent_identical_reactions_create_one(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, bob, _, _, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(app);
        var id = (await alice.PostOkAsync($"/api/v1/spheres/{sphere}/posts", new { body = "Click fast" }))["id"]!.GetValue<Guid>();
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => bob.PostAsync($"/api/v1/posts/{id}/reactions/love")));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        var post = await alice.GetOkAsync($"/api/v1/posts/{id}");
        Assert.Equal(1, post["reactions"]!.AsArray().Single()!["count"]!.GetValue<int>());
    }

    [Theory, Engines]
    public async Task Comments_count_and_paginate(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, bob, _, _, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(app);
        var id = (await alice.PostOkAsync($"/api/v1/spheres/{sphere}/posts", new { body = "Discuss" }))["id"]!.GetValue<Guid>();
        for (var i = 0; i < 3; i++) await bob.PostOkAsync($"/api/v1/posts/{id}/comments", new { body = $"Comment {i} @{alice.User!.UserName}" });
        var first = await alice.GetOkAsync($"/api/v1/posts/{id}/comments?limit=2");
        Assert.Equal(["Comment 0", "Comment 1"], first["items"]!.AsArray().Select(c => c!["body"]!.GetValue<string>()[..9]));
        Assert.Contains($"data-user-id=\"{alice.UserId}\"", first["items"]![0]!["bodyHtml"]!.GetValue<string>());
        var second = await alice.GetOkAsync($"/api/v1/posts/{id}/comments?limit=2&cursor={first["nextCursor"]}");
        Assert.Single(second["items"]!.AsArray());
        Assert.Equal(3, (await alice.GetOkAsync($"/api/v1/posts/{id}"))["commentCount"]!.GetValue<int>());

        var commentId = second["items"]![0]!["id"]!.GetValue<Guid>();
        await Api.ProblemAsync(alice.PatchAsync($"/api/v1/comments/{commentId}", new { body = "not mine" }), HttpStatusCode.Forbidden, "not_author");
        await alice.DeleteOkAsync($"/api/v1/comments/{commentId}");
        Assert.Equal(2, (await alice.GetOkAsync($"/api/v1/posts/{id}"))["commentCount"]!.GetValue<int>());
        await Api.ProblemAsync(bob.PostAsync($"/api/v1/posts/{id}/comments", new { body = "" }), HttpStatusCode.BadRequest, "validation_failed");
    }

    [Theory, Engines]
    public async Task Forum_comments_wait_for_approval(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, bob, _, org, _) = await PostEndpointsTests.SphereWithTwoMembersAsync(app);
        var forum = await alice.CreateSphereAsync(org, "forum");
        await alice.InviteAndAcceptAsync($"/api/v1/spheres/{forum}", bob);
        var carol = await app.SignUpAsync();
        await alice.InviteAndAcceptAsync($"/api/v1/organizations/{org}", carol);
        await alice.InviteAndAcceptAsync($"/api/v1/spheres/{forum}", carol);

        var question = (await bob.PostOkAsync($"/api/v1/spheres/{forum}/posts", new { body = "How do I file expenses?", style = "question" }))["id"]!.GetValue<Guid>();
        var answer = await carol.PostOkAsync($"/api/v1/posts/{question}/comments", new { body = "Ask accounting" });
        Assert.Equal("awaiting_approval", answer["status"]!.GetValue<string>());
        Assert.Empty((await bob.GetOkAsync($"/api/v1/posts/{question}/comments"))["items"]!.AsArray());
        Assert.Single((await carol.GetOkAsync($"/api/v1/posts/{question}/comments"))["items"]!.AsArray());
        await Api.ProblemAsync(bob.GetAsync($"/api/v1/spheres/{forum}/comments/awaiting-approval"), HttpStatusCode.Forbidden, "not_staff");
        var queue = await alice.GetOkAsync($"/api/v1/spheres/{forum}/comments/awaiting-approval");
        Assert.Single(queue["items"]!.AsArray());
        await alice.PostOkAsync($"/api/v1/comments/{answer["id"]}/approve");
        await Api.ProblemAsync(alice.PostAsync($"/api/v1/comments/{answer["id"]}/approve"), HttpStatusCode.Conflict, "not_awaiting_approval");
        Assert.Single((await bob.GetOkAsync($"/api/v1/posts/{question}/comments"))["items"]!.AsArray());
        Assert.Equal(1, (await bob.GetOkAsync($"/api/v1/posts/{question}"))["commentCount"]!.GetValue<int>());
    }
}
