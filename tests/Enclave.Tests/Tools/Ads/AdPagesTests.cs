using System.Net;
using Enclave.Tests.Posts;
using Enclave.Tests.Posts.Attachments;
using Enclave.Tests.Support;

namespace Enclave.Tests.Tools.Ads;

/// <summary>The ads' web pages: publish with a photo through the multipart form, filter, change the status, not-found for outsiders.</summary>
public sealed class AdPagesTests
{
    private static EnclaveApp App => EnclaveApp.Shared(Engine.Sqlite);

    [Fact]
    public async Task A_member_publishes_an_ad_with_a_photo_others_filter_and_outsiders_get_404()
    {
        var (alice, bob, outsider, _, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(App);
        var alicePages = PageClient.For(App, alice);
        var list = await alicePages.GetAsync($"/s/{sphere}/ads");
        Assert.Equal(HttpStatusCode.OK, list.Status);
        var created = await alicePages.SubmitAsync(list, "#new-ad-form",
            [("Form.Category", "lending"), ("Form.Title", "Perceuse"), ("Form.Price", "12.50"), ("Form.Currency", "eur"), ("Form.Location", "Nantes")],
            [("files", "drill.png", Uploads.Png())]);
        Assert.True(created.Location?.Contains("/ads/") == true, created.Status + " " + string.Join(" | ", created.Document.QuerySelectorAll("[data-field-error]").Select(e => e.GetAttribute("data-field-error") + ": " + e.TextContent)));
        var path = new Uri(new Uri("http://localhost"), created.Location!).AbsolutePath;

        var bobPages = PageClient.For(App, bob);
        var page = await bobPages.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Perceuse", page.Text);
        Assert.Contains("Lending", page.Text);
        Assert.Contains("12.50 EUR", page.Text);
        Assert.Single(page.Document.QuerySelectorAll(".ad-photos img"));
        Assert.Null(page.Document.QuerySelector(".ad-status-form"));

        var filtered = await bobPages.GetAsync($"/s/{sphere}/ads?category=lending&q=perc&maxPrice=20");
        Assert.Single(filtered.Document.QuerySelectorAll(".ad-item"));
        Assert.Empty((await bobPages.GetAsync($"/s/{sphere}/ads?category=job")).Document.QuerySelectorAll(".ad-item"));

        var mine = await alicePages.GetAsync(path);
        await alicePages.SubmitAsync(mine, ".ad-status-form", ("status", "reserved"));
        Assert.Contains("Reserved", (await bobPages.GetAsync(path)).Document.QuerySelector("[data-ad-status]")!.TextContent);

        Assert.Equal(HttpStatusCode.NotFound, (await PageClient.For(App, outsider).GetAsync(path)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await PageClient.For(App, outsider).GetAsync($"/s/{sphere}/ads")).Status);
    }
}
