using System.Net;
using Enclave.Tests.Posts;
using Enclave.Tests.Support;

namespace Enclave.Tests.Tools.Polls;

/// <summary>The polls' web pages, create through the form, vote through the page's action, results, and not-found for outsiders.</summary>
public sealed class PollPagesTests
{
    private static EnclaveApp App => EnclaveApp.Shared(Engine.Sqlite);

    [Fact]
    public async Task A_member_creates_a_poll_another_votes_and_sees_the_results_and_outsiders_get_404()
    {
        var (alice, bob, outsider, _, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(App);
        var alicePages = PageClient.For(App, alice);
        var list = await alicePages.GetAsync($"/s/{sphere}/polls");
        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Contains("New poll", list.Text);
        var created = await alicePages.SubmitAsync(list, "#new-poll-form", ("Form.Question", "Quel jour ?"), ("Form.Options", "Lundi\nMardi"),
            ("Form.Anonymous", "true"), ("Form.Results", "after_vote"), ("Form.ShareInFeed", "true"));
        Assert.True(created.Location?.Contains("/polls/") == true, created.Status + " " + string.Join(" | ", created.Document.QuerySelectorAll("[data-field-error]").Select(e => e.GetAttribute("data-field-error") + ": " + e.TextContent)));
        var path = new Uri(new Uri("http://localhost"), created.Location!).AbsolutePath;

        var bobPages = PageClient.For(App, bob);
        var page = await bobPages.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Quel jour ?", page.Text);
        Assert.Contains("The results show once you have voted", page.Text);
        var option = page.Document.QuerySelector("#poll-vote input[name=optionIds]")!.GetAttribute("value")!;
        var voted = await bobPages.SubmitAsync(page, "#poll-vote", ("optionIds", option));
        Assert.Equal(HttpStatusCode.SeeOther, voted.Status);
        var after = await bobPages.GetAsync(path);
        Assert.Contains("Change my vote", after.Text);
        Assert.Equal("1", after.Document.QuerySelector($"[data-option-id=\"{option}\"] [data-count]")!.TextContent);

        // The feed shows the poll's card.
        var feed = await bobPages.GetAsync($"/s/{sphere}");
        Assert.NotNull(feed.Document.QuerySelector($"a.tool-card-poll[href=\"{path}\"]"));

        var outsiderPages = PageClient.For(App, outsider);
        Assert.Equal(HttpStatusCode.NotFound, (await outsiderPages.GetAsync(path)).Status);
        Assert.DoesNotContain("Quel jour", (await outsiderPages.GetAsync(path)).Text);
        Assert.Equal(HttpStatusCode.NotFound, (await outsiderPages.GetAsync($"/s/{sphere}/polls")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await PageClient.For(App, null).GetAsync(path)).Status);
    }
}
