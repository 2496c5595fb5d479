using Enclave.Tests.Posts;
using Enclave.Tests.Support;

namespace Enclave.Tests.Search;

/// <summary>What members find: stemmed, accent-insensitive, in French and English, with highlighted, escaped excerpts.</summary>
public sealed class SearchTests
{
    [Theory, Engines]
    public async Task Words_are_found_in_other_forms_and_without_accents(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, bob, _, _, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(app);
        var tag = SearchSupport.Word();
        var french = await alice.PublishAsync(sphere, $"Compte rendu de la réunion du comité #{tag}");
        var english = await alice.PublishAsync(sphere, $"Notes from the weekly meeting #{tag}");

        foreach (var q in new[] { "réunions", "reunion", "REUNION", "Réunion" })
        {
            var found = await bob.SearchAsync(q, $"&tag={tag}");
            Assert.Equal([french], found.Ids());
            Assert.Contains("<mark>", found.Items()[0]["snippet"]!.GetValue<string>());
        }
        var meetings = await bob.SearchAsync("meetings", $"&tag={tag}");
        Assert.Equal([english], meetings.Ids());
        Assert.Contains("<mark>meeting</mark>", meetings.Items()[0]["snippet"]!.GetValue<string>());

        var item = (await bob.SearchAsync("réunion", $"&tag={tag}")).Items()[0];
        Assert.Equal("post", item["kind"]!.GetValue<string>());
        Assert.Equal(french, item["postId"]!.GetValue<Guid>());
        Assert.Equal(sphere, item["sphereId"]!.GetValue<Guid>());
        Assert.False(string.IsNullOrEmpty(item["sphereName"]!.GetValue<string>()));
        Assert.NotNull(item["organizationId"]);
        Assert.Equal(alice.UserId, item["author"]!["id"]!.GetValue<Guid>());
        Assert.NotNull(item["createdAt"]);
        Assert.Contains("<mark>réunion</mark>", item["snippet"]!.GetValue<string>());
    }

    [Theory, Engines]
    public async Task Comments_are_found_and_point_to_their_post(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, bob, _, _, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(app);
        var word = SearchSupport.Word();
        var post = await alice.PublishAsync(sphere, "Budget discussion");
        var comment = (await bob.PostOkAsync($"/api/v1/posts/{post}/comments", new { body = $"I agree with {word}" }))["id"]!.GetValue<Guid>();

        var found = await alice.SearchAsync(word);
        var item = Assert.Single(found.Items());
        Assert.Equal("comment", item["kind"]!.GetValue<string>());
        Assert.Equal(comment, item["id"]!.GetValue<Guid>());
        Assert.Equal(post, item["postId"]!.GetValue<Guid>());
        Assert.Equal(bob.UserId, item["author"]!["id"]!.GetValue<Guid>());
        Assert.Equal(1, found.Total());
        Assert.Empty((await alice.SearchAsync(word, "&type=posts")).Items());
        Assert.Single((await alice.SearchAsync(word, "&type=comments")).Items());
    }

    [Theory, Engines]
    public async Task Filters_by_sphere_author_tag_and_date(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, bob, org, sphere, other) = await SearchSupport.TwoSpheresWithTwoMembersAsync(app);
        var word = SearchSupport.Word();
        var byAlice = await alice.PublishAsync(sphere, $"{word} by alice #planning");
        var byBob = await bob.PublishAsync(sphere, $"{word} by bob");
        var elsewhere = await alice.PublishAsync(other, $"{word} elsewhere #planning");

        Assert.Equal(3, (await bob.SearchAsync(word)).Total());
        Assert.Equal(new[] { byAlice, byBob }.Order(), (await bob.SearchAsync(word, $"&sphereId={sphere}")).Ids().Order());
        Assert.Equal([elsewhere], (await bob.SearchAsync(word, $"&sphereId={other}")).Ids());
        Assert.Equal(3, (await bob.SearchAsync(word, $"&organizationId={org}")).Total());
        Assert.Equal(0, (await bob.SearchAsync(word, $"&organizationId={Guid.NewGuid()}")).Total());
        Assert.Equal([byBob], (await bob.SearchAsync(word, $"&authorId={bob.UserId}")).Ids());
        Assert.Equal(new[] { byAlice, elsewhere }.Order(), (await bob.SearchAsync(word, "&tag=planning")).Ids().Order());
        Assert.Equal(new[] { byAlice, elsewhere }.Order(), (await bob.SearchAsync(word, "&tag=%23Planning")).Ids().Order());

        var published = (await bob.GetOkAsync($"/api/v1/posts/{byBob}"))["publishedAt"]!.GetValue<DateTime>().ToUniversalTime();
        string At(DateTime t) => Uri.EscapeDataString(t.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ"));
        Assert.Equal(3, (await bob.SearchAsync(word, $"&from={At(published.AddMinutes(-5))}&to={At(published.AddMinutes(5))}")).Total());
        Assert.Equal(0, (await bob.SearchAsync(word, $"&from={At(published.AddMinutes(5))}")).Total());
        Assert.Equal(0, (await bob.SearchAsync(word, $"&to={At(published.AddMinutes(-5))}")).Total());
        Assert.Equal(3, (await bob.SearchAsync(word, $"&from={published.AddDays(-1):yyyy-MM-dd}")).Total());
    }

    [Theory, Engines]
    public async Task Html_in_a_post_is_escaped_in_the_snippet(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, bob, _, _, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(app);
        var word = SearchSupport.Word();
        await alice.PublishAsync(sphere, $"<img src=x onerror=alert(1)> {word} <script>alert('x')</script> & \"quotes\" <mark>fake</mark>");

        var snippet = (await bob.SearchAsync(word)).Items().Single()["snippet"]!.GetValue<string>();
        Assert.Contains($"<mark>{word}</mark>", snippet);
        Assert.DoesNotContain("<img", snippet);
        Assert.DoesNotContain("<script", snippet);
        // Markup-looking text is escaped (PostgreSQL's parser also drops whole tags from its excerpts).
        Assert.True(snippet.Contains("&lt;", StringComparison.Ordinal) || snippet.Contains("&gt;", StringComparison.Ordinal), snippet);
        // The only elements are the highlight's own <mark> and </mark>.
        var withoutMarks = snippet.Replace($"<mark>{word}</mark>", "", StringComparison.Ordinal);
        Assert.DoesNotContain("<", withoutMarks);
        Assert.DoesNotContain(">", withoutMarks.Replace("&gt;", "", StringComparison.Ordinal));
    }

    [Theory, Engines]
    public async Task Results_follow_edits_and_deletions(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, bob, _, _, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(app);
        var before = SearchSupport.Word();
        var after = SearchSupport.Word();
        var post = await alice.PublishAsync(sphere, $"first {before}");
        var comment = (await bob.PostOkAsync($"/api/v1/posts/{post}/comments", new { body = $"reply {before}" }))["id"]!.GetValue<Guid>();
        Assert.Equal(2, (await bob.SearchAsync(before)).Total());

        await alice.PatchOkAsync($"/api/v1/posts/{post}", new { body = $"second {after}" });
        await bob.PatchOkAsync($"/api/v1/comments/{comment}", new { body = $"reply {after}" });
        Assert.Equal(0, (await bob.SearchAsync(before)).Total());
        Assert.Equal(new[] { comment, post }.Order(), (await bob.SearchAsync(after)).Ids().Order());

        await bob.DeleteOkAsync($"/api/v1/comments/{comment}");
        Assert.Equal([post], (await bob.SearchAsync(after)).Ids());
        var again = (await bob.PostOkAsync($"/api/v1/posts/{post}/comments", new { body = $"again {after}" }))["id"]!.GetValue<Guid>();
        Assert.Equal(2, (await bob.SearchAsync(after)).Total());
        // Deleting the post takes its comments with it (cascade), out of the index too.
        await alice.DeleteOkAsync($"/api/v1/posts/{post}");
        var gone = await bob.SearchAsync(after);
        Assert.Empty(gone.Items());
        Assert.Equal(0, gone.Total());
        Assert.DoesNotContain(again, gone.Ids());
    }

    [Theory, Engines]
    public async Task Pages_follow_the_cursor_without_repeats(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, bob, _, _, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(app);
        var word = SearchSupport.Word();
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++) ids.Add(await alice.PublishAsync(sphere, string.Join(' ', Enumerable.Repeat(word, i + 1)) + " filler text"));

        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await bob.SearchAsync(word, "&limit=2" + (cursor is null ? "" : $"&cursor={cursor}"));
            Assert.Equal(5, page.Total());
            Assert.True(page.Items().Count <= 2);
            seen.AddRange(page.Ids());
            cursor = page["nextCursor"]?.GetValue<string>();
        } while (cursor is not null);
        Assert.Equal(ids.Order(), seen.Order());
        Assert.Equal(5, seen.Distinct().Count());
    }

    [Theory, Engines]
    public async Task Spheres_and_people_are_found_by_name(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var word = SearchSupport.Word("Zé");
        var alice = await app.SignUpAsync(firstName: "Élodie", lastName: word);
        var bob = await app.SignUpAsync(firstName: "Bob", lastName: word);
        var stranger = await app.SignUpAsync(firstName: "Élodie", lastName: word);
        var org = await alice.CreateOrganizationAsync();
        await alice.InviteAndAcceptAsync($"/api/v1/organizations/{org}", bob);
        var sphere = await alice.CreateSphereAsync(org, name: $"Équipe {word}");
        var hidden = await alice.CreateSphereAsync(org, name: $"Secret {word}");
        await alice.InviteAndAcceptAsync($"/api/v1/spheres/{sphere}", bob);

        var people = await bob.SearchAsync($"elo {word[..6]}", "&type=people");
        Assert.Equal([alice.UserId], people.Ids());
        Assert.Contains("<mark>Élodie</mark>", people.Items()[0]["snippet"]!.GetValue<string>());
        Assert.Equal(alice.UserId, people.Items()[0]["author"]!["id"]!.GetValue<Guid>());
        Assert.DoesNotContain(stranger.UserId, (await bob.SearchAsync(word, "&type=people")).Ids());

        var spheres = await bob.SearchAsync($"equipe {word}", "&type=spheres");
        Assert.Equal([sphere], spheres.Ids());
        Assert.Equal(org, spheres.Items()[0]["organizationId"]!.GetValue<Guid>());
        Assert.DoesNotContain(hidden, (await bob.SearchAsync(word, "&type=spheres")).Ids());
        Assert.Contains(hidden, (await alice.SearchAsync(word, "&type=spheres")).Ids());
        Assert.Empty((await stranger.SearchAsync(word, "&type=spheres")).Items());
    }
}
