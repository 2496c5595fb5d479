using System.Net;
using Enclave.Tests.Spheres.Pages;
using Enclave.Tests.Support;

namespace Enclave.Tests.Posts.Pages;

public sealed class PostPagesTests
{
    private static EnclaveApp App => EnclaveApp.Shared(Engine.Sqlite);

    [Fact]
    public async Task Editing_through_the_page_keeps_the_history()
    {
        var (alice, bob, _, _, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(App);
        var id = (await alice.PostOkAsync($"/api/v1/spheres/{sphere}/posts", new { body = "First words" }))["id"]!.GetValue<Guid>();
        var browser = PageClient.For(App, alice);
        var page = await browser.GetAsync($"/p/{id}/edit");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("First words", page.Document.QuerySelector("#edit-body")!.TextContent);

        var refused = await browser.SubmitAsync(page, "#edit-post-form", [("Form.Body", ""), ("Form.Style", "idea")]);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.NotNull(refused.Document.QuerySelector("[data-field-error='body']"));
        Assert.Equal("First words", (await alice.GetOkAsync($"/api/v1/posts/{id}"))["body"]!.GetValue<string>());

        var done = await browser.SubmitAsync(page, "#edit-post-form", [("Form.Body", "Better words"), ("Form.Style", "idea")]);
        Assert.True(done.Status is HttpStatusCode.SeeOther, done.Status.ToString());
        var post = await alice.GetOkAsync($"/api/v1/posts/{id}");
        Assert.Equal("Better words", post["body"]!.GetValue<string>());
        Assert.Equal("idea", post["style"]!.GetValue<string>());

        var history = await PageClient.For(App, bob).GetAsync($"/p/{id}/history");
        Assert.Equal(HttpStatusCode.OK, history.Status);
        var versions = history.Document.QuerySelectorAll("#post-history .revision").ToList();
        Assert.Equal(2, versions.Count);
        Assert.Equal("Better words", versions[0].QuerySelector(".revision-body")!.TextContent);
        Assert.Equal("true", versions[0].GetAttribute("data-revision-current"));
        Assert.Equal("First words", versions[1].QuerySelector(".revision-body")!.TextContent);
        Assert.NotNull(versions[1].QuerySelector("time[datetime]"));

        // Bob reads the post but did not write it.
        Assert.Equal(HttpStatusCode.Forbidden, (await PageClient.For(App, bob).GetAsync($"/p/{id}/edit")).Status);
    }

    [Fact]
    public async Task Copying_goes_to_a_sphere_where_I_publish_and_is_refused_elsewhere()
    {
        var (alice, bob, outsider, org, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(App);
        var id = (await alice.PostOkAsync($"/api/v1/spheres/{sphere}/posts", new { body = "Worth sharing" }))["id"]!.GetValue<Guid>();
        var mine = await bob.CreateSphereAsync(org);
        var foreign = await outsider.CreateSphereAsync(org);
        var browser = PageClient.For(App, bob);
        var page = await browser.GetAsync($"/p/{id}/copy");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.NotNull(page.Document.QuerySelector($"#copy-to-{mine}"));
        Assert.Null(page.Document.QuerySelector($"#copy-to-{foreign}"));
        Assert.Null(page.Document.QuerySelector($"#copy-to-{sphere}"));

        var refused = await browser.SubmitAsync(page, "#copy-post-form", [("Form.SphereId", foreign.ToString())]);
        Assert.True((int)refused.Status is >= 400 and < 500, refused.Status.ToString());
        Assert.True(refused.Document.QuerySelector("[role=alert]") is not null, refused.Html);
        Assert.Empty((await outsider.GetOkAsync($"/api/v1/spheres/{foreign}/posts"))["items"]!.AsArray());

        var done = await browser.SubmitAsync(page, "#copy-post-form", [("Form.SphereId", mine.ToString())]);
        Assert.True(done.Status is HttpStatusCode.SeeOther, done.Status.ToString());
        var copy = (await bob.GetOkAsync($"/api/v1/spheres/{mine}/posts"))["items"]!.AsArray().Single()!;
        Assert.Equal("Worth sharing", copy["body"]!.GetValue<string>());
        Assert.Equal($"/p/{copy["id"]!.GetValue<Guid>()}", done.Response.Headers.Location!.PathAndQuery());
    }
}
