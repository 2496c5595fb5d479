using System.Net;
using Enclave.Tests.Posts;
using Enclave.Tests.Support;

namespace Enclave.Tests.Search.Pages;

public sealed class SearchPageTests
{
    private static EnclaveApp App => EnclaveApp.Shared(Engine.Sqlite);

    [Fact]
    public async Task The_page_finds_a_post_of_my_sphere_and_never_one_of_a_sphere_I_am_not_in()
    {
        var (alice, bob, outsider, org, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(App);
        var other = await outsider.CreateSphereAsync(org);
        var word = SearchSupport.Word();
        var mine = await alice.PublishAsync(sphere, $"Quarterly {word} review");
        var theirs = await outsider.PublishAsync(other, $"Secret {word} plans");

        var page = await PageClient.For(App, bob).GetAsync($"/search?q={word}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var results = page.Document.QuerySelectorAll("#search-results > li");
        var result = Assert.Single(results);
        Assert.Equal(mine.ToString(), result.GetAttribute("data-id"));
        Assert.NotNull(result.QuerySelector($"a[href='/p/{mine}']"));
        Assert.Equal(word, result.QuerySelector("mark")!.TextContent);
        Assert.DoesNotContain(theirs.ToString(), page.Html);
        Assert.DoesNotContain("Secret", page.Html);

        // Filters are a GET form; a filter that names a sphere I am not in finds nothing.
        var filtered = await PageClient.For(App, bob).GetAsync($"/search?q={word}&sphereId={other}");
        Assert.Empty(filtered.Document.QuerySelectorAll("#search-results > li"));
        Assert.NotNull(filtered.Document.QuerySelector("#search-no-results"));
    }

    [Fact]
    public async Task Highlighted_snippets_are_escaped_text()
    {
        var (alice, bob, _, _, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(App);
        var word = SearchSupport.Word();
        await alice.PublishAsync(sphere, $"Look {word} <img src=x onerror=alert(1)> here `<script>alert(2)</script>` {word}");

        var page = await PageClient.For(App, bob).GetAsync($"/search?q={word}");
        var results = page.Document.QuerySelector("#search-results")!;
        Assert.NotEmpty(results.QuerySelectorAll("mark"));
        Assert.Empty(results.QuerySelectorAll("img"));
        Assert.Empty(results.QuerySelectorAll("script"));
        Assert.DoesNotContain("<img src=x", page.Html);
        Assert.Contains("<img src=x onerror=alert(1)>", results.TextContent);
    }

    [Fact]
    public async Task A_bad_query_is_shown_next_to_the_search_field_and_an_empty_one_invites_to_type()
    {
        var bob = await App.SignUpAsync();
        var browser = PageClient.For(App, bob);
        var empty = await browser.GetAsync("/search");
        Assert.Equal(HttpStatusCode.OK, empty.Status);
        Assert.NotNull(empty.Document.QuerySelector("#search-empty"));

        var bad = await browser.GetAsync("/search?q=%21%21%21");
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.NotNull(bad.Document.QuerySelector("#search-form [data-field-error='q']"));

        var shortQuery = await browser.GetAsync("/search?q=zq");
        Assert.NotNull(shortQuery.Document.QuerySelector("#search-short-hint"));
    }
}
