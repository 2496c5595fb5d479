using System.Net;
using System.Text.Json.Nodes;
using Enclave.Server.Access;
using Enclave.Tests.Posts;
using Enclave.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Enclave.Tests.Search;

/// <summary>Search never reaches past the access gate: not in the results, not in the total.</summary>
public sealed class SearchAccessTests
{
    private static void FindsNothing(JsonNode page)
    {
        Assert.Empty(page.Items());
        Assert.Equal(0, page.Total());
        Assert.False(page["totalIsLowerBound"]!.GetValue<bool>());
        Assert.Null(page["nextCursor"]);
    }

    [Theory, Engines]
    public async Task Outsiders_anonymous_clients_and_non_recipients_find_nothing(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, bob, carol, outsider, org, sphere) = await PostEndpointsTests.SphereWithThreeMembersAsync(app);
        var word = SearchSupport.Word();
        var secret = SearchSupport.Word();
        var post = await alice.PublishAsync(sphere, $"Public to the sphere {word}");
        await bob.PostOkAsync($"/api/v1/posts/{post}/comments", new { body = $"Comment {word}" });
        var privatePost = await alice.PublishAsync(sphere, $"Only for bob {secret}", new { recipientIds = new[] { bob.UserId } });

        Assert.Equal(2, (await carol.SearchAsync(word)).Total());
        Assert.Equal([privatePost], (await bob.SearchAsync(secret)).Ids());
        Assert.Equal([privatePost], (await alice.SearchAsync(secret)).Ids());
        FindsNothing(await carol.SearchAsync(secret));
        foreach (var q in new[] { word, secret })
        {
            FindsNothing(await outsider.SearchAsync(q));
            FindsNothing(await outsider.SearchAsync(q, $"&sphereId={sphere}"));
            FindsNothing(await outsider.SearchAsync(q, "&type=posts,comments"));
            FindsNothing(await app.Anonymous().SearchAsync(q));
            FindsNothing(await app.Anonymous().SearchAsync(q, $"&sphereId={sphere}&type=posts"));
        }
        // Not the sphere's name either: a classic sphere is not visible to the organization's other members.
        var name = (await alice.GetOkAsync($"/api/v1/spheres/{sphere}"))["name"]!.GetValue<string>();
        Assert.DoesNotContain(sphere, (await outsider.SearchAsync(name, "&type=spheres")).Ids());
        Assert.DoesNotContain(sphere, (await app.Anonymous().SearchAsync(name, "&type=spheres")).Ids());
        Assert.Contains(sphere, (await bob.SearchAsync(name, "&type=spheres")).Ids());
    }

    [Theory, Engines]
    public async Task A_member_whose_charter_is_pending_finds_nothing_until_accepting(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, bob, _, _, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(app);
        var word = SearchSupport.Word();
        var post = await alice.PublishAsync(sphere, $"Before the charter {word}");
        await bob.PostOkAsync($"/api/v1/posts/{post}/comments", new { body = $"Mine {word}" });
        Assert.Equal(2, (await bob.SearchAsync(word)).Total());

        var charter = await alice.PutOkAsync($"/api/v1/spheres/{sphere}/charter", new { text = "Be kind." });
        FindsNothing(await bob.SearchAsync(word));
        FindsNothing(await bob.SearchAsync(word, $"&sphereId={sphere}"));

        await bob.PostOkAsync($"/api/v1/spheres/{sphere}/charter/accept", new { version = charter["version"]!.GetValue<int>() });
        Assert.Equal(2, (await bob.SearchAsync(word)).Total());
    }

    [Theory, Engines]
    public async Task A_removed_member_stops_finding_the_sphere(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, bob, _, _, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(app);
        var word = SearchSupport.Word();
        var post = await alice.PublishAsync(sphere, $"Roadmap {word}");
        await bob.PostOkAsync($"/api/v1/posts/{post}/comments", new { body = $"My own comment {word}" });
        Assert.Equal(2, (await bob.SearchAsync(word)).Total());

        await alice.DeleteOkAsync($"/api/v1/spheres/{sphere}/members/{bob.UserId}");
        FindsNothing(await bob.SearchAsync(word));
        Assert.Equal(2, (await alice.SearchAsync(word)).Total());
    }

    [Theory, Engines]
    public async Task Comments_awaiting_approval_are_found_by_their_author_and_staff_only(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, bob, _, org, _) = await PostEndpointsTests.SphereWithTwoMembersAsync(app);
        var forum = await alice.CreateSphereAsync(org, "forum");
        await alice.InviteAndAcceptAsync($"/api/v1/spheres/{forum}", bob);
        var carol = await app.SignUpAsync();
        await alice.InviteAndAcceptAsync($"/api/v1/organizations/{org}", carol);
        await alice.InviteAndAcceptAsync($"/api/v1/spheres/{forum}", carol);
        var word = SearchSupport.Word();
        var question = await bob.PublishAsync(forum, "How do I file expenses?");
        var answer = (await carol.PostOkAsync($"/api/v1/posts/{question}/comments", new { body = $"Ask accounting {word}" }))["id"]!.GetValue<Guid>();

        Assert.Equal([answer], (await carol.SearchAsync(word)).Ids());
        Assert.Equal([answer], (await alice.SearchAsync(word)).Ids());
        FindsNothing(await bob.SearchAsync(word));

        await alice.PostOkAsync($"/api/v1/comments/{answer}/approve");
        Assert.Equal([answer], (await bob.SearchAsync(word)).Ids());
    }

    /// <summary>The people query agrees with the gate's CanSeeUserAsync on every pair of a small world.</summary>
    [Theory, Engines]
    public async Task People_found_are_exactly_the_people_the_gate_shows(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var lastName = SearchSupport.Word();
        var admin = await app.SignUpAsync(lastName: lastName);
        var member = await app.SignUpAsync(lastName: lastName);
        var visitor = await app.SignUpAsync(lastName: lastName);
        var restricted = await app.SignUpAsync(lastName: lastName);
        var stranger = await app.SignUpAsync(lastName: lastName);
        var org = await admin.CreateOrganizationAsync();
        await admin.InviteAndAcceptAsync($"/api/v1/organizations/{org}", member);
        await admin.InviteAndAcceptAsync($"/api/v1/organizations/{org}", visitor, "visitor");
        var visitorSphere = await admin.CreateSphereAsync(org, "visitor");
        await admin.InviteAndAcceptAsync($"/api/v1/spheres/{visitorSphere}", visitor, "visitor");
        await admin.InviteAndAcceptAsync($"/api/v1/spheres/{visitorSphere}", member);
        var other = await restricted.CreateOrganizationAsync();
        var closed = await restricted.CreateSphereAsync(other, "restricted");
        await restricted.InviteAndAcceptAsync($"/api/v1/organizations/{other}", stranger);
        await restricted.InviteAndAcceptAsync($"/api/v1/spheres/{closed}", stranger);

        var everyone = new[] { admin, member, visitor, restricted, stranger };
        using var scope = app.Services.CreateScope();
        var gate = scope.ServiceProvider.GetRequiredService<AccessGate>();
        foreach (var viewer in everyone)
        {
            var found = (await viewer.SearchAsync(lastName, "&type=people&limit=100")).Ids();
            foreach (var person in everyone)
            {
                var canSee = await gate.CanSeeUserAsync(new Viewer(viewer.UserId, false), person.UserId, CancellationToken.None);
                Assert.True(canSee == found.Contains(person.UserId), $"{viewer.User!.UserName} -> {person.User!.UserName}: gate {canSee}, search {!canSee}");
            }
        }
        FindsNothing(await app.Anonymous().SearchAsync(lastName, "&type=people"));
    }

    [Theory, Engines]
    public async Task Bad_input_is_refused(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync();
        async Task Refused(string query, string field)
        {
            var problem = await Api.ProblemAsync(alice.GetAsync("/api/v1/search" + query), HttpStatusCode.BadRequest, "validation_failed");
            Assert.NotNull(problem["errors"]![field]);
        }
        await Refused("", "q");
        await Refused("?q=", "q");
        await Refused("?q=%20%20", "q");
        await Refused("?q=%21%3F%2A", "q");
        await Refused("?q=" + new string('a', 201), "q");
        await Refused("?q=x&from=yesterday", "from");
        await Refused("?q=x&to=2026-13-45", "to");
        await Refused("?q=x&from=2026-11-22&to=2026-11-01", "to");
        await Refused("?q=x&type=files", "type");
        await Refused("?q=x&sphereId=nope", "sphereId");
        await Refused("?q=x&authorId=1", "authorId");
        await Refused("?q=x&limit=0", "limit");
        await Refused("?q=x&limit=101", "limit");
        await Refused("?q=x&cursor=garbage", "cursor");
        await Refused($"?q=x&type=people&organizationId={Guid.NewGuid()}", "organizationId");
        await Refused("?q=x&type=spheres&tag=planning", "tag");
        // Query syntax of either engine is just text.
        foreach (var q in new[] { "\"unbalanced", "a AND OR", "NEAR(x y", "x:*", "a & | !b", "{body} : x", "'; DROP TABLE posts; --" })
            Assert.Equal(0, (await alice.SearchAsync(q)).Total());
        Assert.Equal(200, (int)(await alice.GetAsync("/api/v1/search?q=" + new string('a', 200))).StatusCode);
    }
}
