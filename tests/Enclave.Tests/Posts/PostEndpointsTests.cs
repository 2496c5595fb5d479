using System.Net;
using System.Text.Json.Nodes;
using Enclave.Tests.Support;

namespace Enclave.Tests.Posts;

public sealed class PostEndpointsTests
{
    /// <summary>Two members and an outsider in one organization: alice administers the sphere, bob is a member.</summary>
    internal static async Task<(Api Alice, Api Bob, Api Outsider, Guid Org, Guid Sphere)> SphereWithTwoMembersAsync(EnclaveApp app, string type = "classic")
    {
        var alice = await app.SignUpAsync();
        var bob = await app.SignUpAsync();
        var outsider = await app.SignUpAsync();
        var org = await alice.CreateOrganizationAsync();
        await alice.InviteAndAcceptAsync($"/api/v1/organizations/{org}", bob);
        await alice.InviteAndAcceptAsync($"/api/v1/organizations/{org}", outsider);
        var sphere = await alice.CreateSphereAsync(org, type);
        await alice.InviteAndAcceptAsync($"/api/v1/spheres/{sphere}", bob);
        return (alice, bob, outsider, org, sphere);
    }

    /// <summary>As <see cref="SphereWithTwoMembersAsync"/>, with Carol in the organization and the sphere too.</summary>
    internal static async Task<(Api Alice, Api Bob, Api Carol, Api Outsider, Guid Org, Guid Sphere)> SphereWithThreeMembersAsync(EnclaveApp app)
    {
        var (alice, bob, outsider, org, sphere) = await SphereWithTwoMembersAsync(app);
        var carol = await app.SignUpAsync();
        await alice.InviteAndAcceptAsync($"/api/v1/organizations/{org}", carol);
        await alice.InviteAndAcceptAsync($"/api/v1/spheres/{sphere}", carol);
        return (alice, bob, carol, outsider, org, sphere);
    }

    [Theory, Engines]
    public async Task A_post_is_read_by_members_and_hidden_from_outsiders(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, bob, outsider, _, sphere) = await SphereWithTwoMembersAsync(app);
        var post = await alice.PostOkAsync($"/api/v1/spheres/{sphere}/posts", new { body = $"Hello **team** @{bob.User!.UserName} @{outsider.User!.UserName} #kickoff", style = "idea" });
        var id = post["id"]!.GetValue<Guid>();
        Assert.Equal("idea", post["style"]!.GetValue<string>());
        Assert.Contains("<strong>team</strong>", post["bodyHtml"]!.GetValue<string>());
        Assert.Contains($"data-user-id=\"{bob.UserId}\"", post["bodyHtml"]!.GetValue<string>());
        // The outsider is not a member: the mention stays plain text.
        Assert.DoesNotContain(outsider.UserId.ToString(), post["bodyHtml"]!.GetValue<string>());
        Assert.Equal(["kickoff"], post["tags"]!.AsArray().Select(t => t!.GetValue<string>()));

        var seen = await bob.GetOkAsync($"/api/v1/posts/{id}");
        Assert.Equal(alice.UserId, seen["author"]!["id"]!.GetValue<Guid>());
        var feed = await bob.GetOkAsync($"/api/v1/spheres/{sphere}/posts");
        Assert.Contains(feed["items"]!.AsArray(), p => p!["id"]!.GetValue<Guid>() == id);

        await Api.ProblemAsync(outsider.GetAsync($"/api/v1/posts/{id}"), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(outsider.GetAsync($"/api/v1/spheres/{sphere}/posts"), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(outsider.GetAsync($"/api/v1/posts/{id}/comments"), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(outsider.GetAsync($"/api/v1/posts/{id}/history"), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(outsider.PostAsync($"/api/v1/posts/{id}/reactions/like"), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(outsider.PostAsync($"/api/v1/posts/{id}/comments", new { body = "let me in" }), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(app.Anonymous().GetAsync($"/api/v1/posts/{id}"), HttpStatusCode.NotFound, "not_found");
        var outsiderFeed = await outsider.GetOkAsync("/api/v1/feed");
        Assert.DoesNotContain(outsiderFeed["items"]!.AsArray(), p => p!["id"]!.GetValue<Guid>() == id);
    }

    [Theory, Engines]
    public async Task Private_posts_reach_only_their_recipients(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, bob, outsider, _, sphere) = await SphereWithTwoMembersAsync(app);
        var carol = await app.SignUpAsync();
        await alice.InviteAndAcceptAsync($"/api/v1/organizations/{(await alice.GetOkAsync($"/api/v1/spheres/{sphere}"))["organizationId"]}", carol);
        await alice.InviteAndAcceptAsync($"/api/v1/spheres/{sphere}", carol);

        var post = await alice.PostOkAsync($"/api/v1/spheres/{sphere}/posts", new { body = "Just for Bob", recipientIds = new[] { bob.UserId } });
        var id = post["id"]!.GetValue<Guid>();
        Assert.True(post["isPrivate"]!.GetValue<bool>());
        await bob.GetOkAsync($"/api/v1/posts/{id}");
        await Api.ProblemAsync(carol.GetAsync($"/api/v1/posts/{id}"), HttpStatusCode.NotFound, "not_found");
        var carolFeed = await carol.GetOkAsync($"/api/v1/spheres/{sphere}/posts");
        Assert.DoesNotContain(carolFeed["items"]!.AsArray(), p => p!["id"]!.GetValue<Guid>() == id);
        var carolHome = await carol.GetOkAsync("/api/v1/feed");
        Assert.DoesNotContain(carolHome["items"]!.AsArray(), p => p!["id"]!.GetValue<Guid>() == id);

        // Recipients must be members of the sphere; nothing is written otherwise.
        var problem = await Api.ProblemAsync(alice.PostAsync($"/api/v1/spheres/{sphere}/posts", new { body = "leak?", recipientIds = new[] { outsider.UserId } }),
            HttpStatusCode.UnprocessableEntity, "recipient_not_member");
        Assert.NotNull(problem["errors"]!["recipientIds"]);
        var feed = await alice.GetOkAsync($"/api/v1/spheres/{sphere}/posts");
        Assert.DoesNotContain(feed["items"]!.AsArray(), p => p!["body"]!.GetValue<string>() == "leak?");
    }

    [Theory, Engines]
    public async Task Edits_keep_a_history_and_only_the_author_edits(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, bob, _, _, sphere) = await SphereWithTwoMembersAsync(app);
        var id = (await alice.PostOkAsync($"/api/v1/spheres/{sphere}/posts", new { body = "First version" }))["id"]!.GetValue<Guid>();
        var edited = await alice.PatchOkAsync($"/api/v1/posts/{id}", new { body = "Second version", style = "important" });
        Assert.NotNull(edited["editedAt"]);
        await Api.ProblemAsync(bob.PatchAsync($"/api/v1/posts/{id}", new { body = "Bob was here" }), HttpStatusCode.Forbidden, "not_author");
        var history = (await bob.GetOkAsync($"/api/v1/posts/{id}/history")).AsArray();
        Assert.Equal(["First version", "Second version"], history.Select(h => h!["body"]!.GetValue<string>()));
        Assert.True(history[1]!["current"]!.GetValue<bool>());
    }

    [Theory, Engines]
    public async Task Pinned_posts_come_first_and_only_staff_pin(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, bob, _, _, sphere) = await SphereWithTwoMembersAsync(app);
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
            ids.Add((await bob.PostOkAsync($"/api/v1/spheres/{sphere}/posts", new { body = $"Post {i}" }))["id"]!.GetValue<Guid>());
        await Api.ProblemAsync(bob.PostAsync($"/api/v1/posts/{ids[0]}/pin"), HttpStatusCode.Forbidden, "not_staff");
        await alice.PostOkAsync($"/api/v1/posts/{ids[0]}/pin");

        var first = await bob.GetOkAsync($"/api/v1/spheres/{sphere}/posts?limit=2");
        Assert.Equal([ids[0]], first["pinned"]!.AsArray().Select(p => p!["id"]!.GetValue<Guid>()));
        Assert.Equal([ids[4], ids[3]], first["items"]!.AsArray().Select(p => p!["id"]!.GetValue<Guid>()));
        var second = await bob.GetOkAsync($"/api/v1/spheres/{sphere}/posts?limit=2&cursor={first["nextCursor"]}");
        Assert.Empty(second["pinned"]!.AsArray());
        Assert.Equal([ids[2], ids[1]], second["items"]!.AsArray().Select(p => p!["id"]!.GetValue<Guid>()));
        Assert.Null(second["nextCursor"]);

        await alice.DeleteOkAsync($"/api/v1/posts/{ids[0]}/pin");
        Assert.Empty((await bob.GetOkAsync($"/api/v1/spheres/{sphere}/posts"))["pinned"]!.AsArray());
    }

    [Theory, Engines]
    public async Task Author_and_staff_delete_others_do_not(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, bob, _, _, sphere) = await SphereWithTwoMembersAsync(app);
        var byAlice = (await alice.PostOkAsync($"/api/v1/spheres/{sphere}/posts", new { body = "Alice's" }))["id"]!.GetValue<Guid>();
        var byBob = (await bob.PostOkAsync($"/api/v1/spheres/{sphere}/posts", new { body = "Bob's" }))["id"]!.GetValue<Guid>();
        await Api.ProblemAsync(bob.DeleteAsync($"/api/v1/posts/{byAlice}"), HttpStatusCode.Forbidden, "cannot_delete");
        await alice.DeleteOkAsync($"/api/v1/posts/{byBob}");
        await alice.DeleteOkAsync($"/api/v1/posts/{byAlice}");
        await Api.ProblemAsync(bob.GetAsync($"/api/v1/posts/{byAlice}"), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(bob.PostAsync($"/api/v1/posts/{byAlice}/comments", new { body = "too late" }), HttpStatusCode.NotFound, "not_found");
    }

    [Theory, Engines]
    public async Task Bad_post_input_is_refused_and_writes_nothing(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, _, _, _, sphere) = await SphereWithTwoMembersAsync(app);
        await Api.ProblemAsync(alice.PostAsync($"/api/v1/spheres/{sphere}/posts", new { body = "   " }), HttpStatusCode.BadRequest, "validation_failed");
        await Api.ProblemAsync(alice.PostAsync($"/api/v1/spheres/{sphere}/posts", new { body = new string('x', 20_001) }), HttpStatusCode.BadRequest, "validation_failed");
        await Api.ProblemAsync(alice.PostAsync($"/api/v1/spheres/{sphere}/posts", new { body = "x", style = "shouting" }), HttpStatusCode.BadRequest, "malformed_json");
        await Api.ProblemAsync(alice.PostAsync($"/api/v1/spheres/{sphere}/posts", new { body = "x", publishAt = DateTime.UtcNow.AddHours(-1) }), HttpStatusCode.BadRequest, "validation_failed");
        await Api.ProblemAsync(alice.SendRawAsync(HttpMethod.Post, $"/api/v1/spheres/{sphere}/posts", "{\"body\":"), HttpStatusCode.BadRequest, "malformed_json");
        await Api.ProblemAsync(alice.PostAsync($"/api/v1/spheres/{Guid.CreateVersion7()}/posts", new { body = "nowhere" }), HttpStatusCode.NotFound, "not_found");
        var feed = await alice.GetOkAsync($"/api/v1/spheres/{sphere}/posts");
        Assert.Empty(feed["items"]!.AsArray());
    }
}
