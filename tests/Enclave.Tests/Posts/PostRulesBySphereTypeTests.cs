using System.Net;
using Enclave.Tests.Support;

namespace Enclave.Tests.Posts;

public sealed class PostRulesBySphereTypeTests
{
    [Theory, Engines]
    public async Task In_a_restricted_sphere_members_comment_and_write_privately_to_staff_only(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, bob, _, org, _) = await PostEndpointsTests.SphereWithTwoMembersAsync(app);
        var restricted = await alice.CreateSphereAsync(org, "restricted");
        await alice.InviteAndAcceptAsync($"/api/v1/spheres/{restricted}", bob);
        var carol = await app.SignUpAsync();
        await alice.InviteAndAcceptAsync($"/api/v1/organizations/{org}", carol);
        await alice.InviteAndAcceptAsync($"/api/v1/spheres/{restricted}", carol);

        await Api.ProblemAsync(bob.PostAsync($"/api/v1/spheres/{restricted}/posts", new { body = "Can I publish?" }), HttpStatusCode.Forbidden, "cannot_post");
        var announcement = (await alice.PostOkAsync($"/api/v1/spheres/{restricted}/posts", new { body = "Announcement" }))["id"]!.GetValue<Guid>();
        await bob.PostOkAsync($"/api/v1/posts/{announcement}/comments", new { body = "Noted" });
        var toStaff = await bob.PostOkAsync($"/api/v1/spheres/{restricted}/posts", new { body = "A private question", recipientIds = new[] { alice.UserId } });
        Assert.True(toStaff["isPrivate"]!.GetValue<bool>());
        await Api.ProblemAsync(bob.PostAsync($"/api/v1/spheres/{restricted}/posts", new { body = "Psst", recipientIds = new[] { carol.UserId } }), HttpStatusCode.Forbidden, "cannot_post");
        await Api.ProblemAsync(carol.GetAsync($"/api/v1/posts/{toStaff["id"]}"), HttpStatusCode.NotFound, "not_found");
    }

    [Theory, Engines]
    public async Task Visitors_read_and_comment_but_do_not_publish(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync();
        var guest = await app.SignUpAsync();
        var org = await alice.CreateOrganizationAsync();
        var visitorSphere = await alice.CreateSphereAsync(org, "visitor");
        await alice.InviteAndAcceptAsync($"/api/v1/spheres/{visitorSphere}", guest);
        Assert.Equal("visitor", (await guest.GetOkAsync($"/api/v1/spheres/{visitorSphere}"))["myRole"]!.GetValue<string>());
        var post = (await alice.PostOkAsync($"/api/v1/spheres/{visitorSphere}/posts", new { body = "Welcome, partners" }))["id"]!.GetValue<Guid>();
        await guest.GetOkAsync($"/api/v1/posts/{post}");
        await guest.PostOkAsync($"/api/v1/posts/{post}/comments", new { body = "Thank you" });
        await guest.PostOkAsync($"/api/v1/posts/{post}/reactions/thanks");
        await Api.ProblemAsync(guest.PostAsync($"/api/v1/spheres/{visitorSphere}/posts", new { body = "Buy our product" }), HttpStatusCode.Forbidden, "cannot_post");
    }

    [Theory, Engines]
    public async Task Copying_needs_both_spheres_and_yields_an_independent_post(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, bob, _, org, source) = await PostEndpointsTests.SphereWithTwoMembersAsync(app);
        var target = await alice.CreateSphereAsync(org, name: "Target");
        var original = (await bob.PostOkAsync($"/api/v1/spheres/{source}/posts", new { body = "Worth sharing #news" }))["id"]!.GetValue<Guid>();
        await alice.PostOkAsync($"/api/v1/posts/{original}/comments", new { body = "Comment stays home" });

        // Bob does not belong to the target sphere: not found, and nothing copied.
        await Api.ProblemAsync(bob.PostAsync($"/api/v1/posts/{original}/copy", new { sphereId = target }), HttpStatusCode.NotFound, "not_found");
        var copy = await alice.PostOkAsync($"/api/v1/posts/{original}/copy", new { sphereId = target });
        Assert.Equal(target, copy["sphereId"]!.GetValue<Guid>());
        Assert.Equal(original, copy["copiedFromPostId"]!.GetValue<Guid>());
        Assert.Equal(0, copy["commentCount"]!.GetValue<int>());
        Assert.Equal(alice.UserId, copy["author"]!["id"]!.GetValue<Guid>());

        // Independent: editing or deleting the original leaves the copy as it was.
        await bob.PatchOkAsync($"/api/v1/posts/{original}", new { body = "Changed" });
        await bob.DeleteOkAsync($"/api/v1/posts/{original}");
        Assert.Equal("Worth sharing #news", (await alice.GetOkAsync($"/api/v1/posts/{copy["id"]}"))["body"]!.GetValue<string>());

        var secret = (await alice.PostOkAsync($"/api/v1/spheres/{source}/posts", new { body = "private", recipientIds = new[] { bob.UserId } }))["id"]!.GetValue<Guid>();
        await Api.ProblemAsync(alice.PostAsync($"/api/v1/posts/{secret}/copy", new { sphereId = target }), HttpStatusCode.UnprocessableEntity, "private_post");
        await Api.ProblemAsync(alice.PostAsync($"/api/v1/posts/{secret}/copy", new { }), HttpStatusCode.BadRequest, "validation_failed");
    }

    [Theory, Engines]
    public async Task A_pending_charter_hides_the_feed_until_accepted(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, bob, _, _, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(app);
        var post = (await alice.PostOkAsync($"/api/v1/spheres/{sphere}/posts", new { body = "Behind the charter" }))["id"]!.GetValue<Guid>();
        var charter = await alice.PutOkAsync($"/api/v1/spheres/{sphere}/charter", new { text = "Be kind." });
        await Api.ProblemAsync(bob.GetAsync($"/api/v1/spheres/{sphere}/posts"), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(bob.GetAsync($"/api/v1/posts/{post}"), HttpStatusCode.NotFound, "not_found");
        Assert.DoesNotContain((await bob.GetOkAsync("/api/v1/feed"))["items"]!.AsArray(), p => p!["id"]!.GetValue<Guid>() == post);
        await bob.PostOkAsync($"/api/v1/spheres/{sphere}/charter/accept", new { version = charter["version"]!.GetValue<int>() });
        await bob.GetOkAsync($"/api/v1/posts/{post}");
        Assert.Contains((await bob.GetOkAsync("/api/v1/feed"))["items"]!.AsArray(), p => p!["id"]!.GetValue<Guid>() == post);
    }
}
