using System.Net;
using Enclave.Tests.Posts;
using Enclave.Tests.Support;

namespace Enclave.Tests.Spheres.Pages;

internal static class LocationExtensions
{
    public static string PathAndQuery(this Uri uri) => uri.IsAbsoluteUri ? uri.PathAndQuery + uri.Fragment : uri.OriginalString;
}

public sealed class SpherePageTests
{
    private static EnclaveApp App => EnclaveApp.Shared(Engine.Sqlite);

    private static async Task<Guid> PostAsync(Api api, Guid sphere, string body) =>
        (await api.PostOkAsync($"/api/v1/spheres/{sphere}/posts", new { body }))["id"]!.GetValue<Guid>();

    [Fact]
    public async Task The_feed_shows_pinned_posts_first_then_the_newest_with_the_composer_naming_the_sphere()
    {
        var (alice, bob, _, _, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(App);
        var first = await PostAsync(alice, sphere, "First post #kickoff");
        var second = await PostAsync(alice, sphere, "Second post");
        var third = await PostAsync(bob, sphere, "Third post #kickoff");
        await alice.PostOkAsync($"/api/v1/posts/{first}/pin");
        var name = (await bob.GetOkAsync($"/api/v1/spheres/{sphere}"))["name"]!.GetValue<string>();

        var page = await PageClient.For(App, bob).GetAsync($"/s/{sphere}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var feed = page.Document.QuerySelector($"[data-sphere-feed='{sphere}']")!;
        var ids = feed.QuerySelectorAll("article.post").Select(a => Guid.Parse(a.GetAttribute("data-post-id")!)).ToList();
        Assert.Equal([first, third, second], ids);
        Assert.Contains("post-pinned", feed.QuerySelector("article.post")!.ClassList);
        Assert.Equal($"Publish in «{name}»", page.Document.QuerySelector("#composer-submit")!.TextContent.Trim());
        Assert.Contains(page.Document.QuerySelectorAll("[data-sphere-tags] a"), a => a.TextContent.Contains("#kickoff"));
        Assert.Contains("/js/live-feed.js", page.Html);
        await bob.PatchOkAsync("/api/v1/me", new { language = "fr" });
        Assert.Equal($"Publier dans « {name} »", (await PageClient.For(App, bob).GetAsync($"/s/{sphere}?tag=kickoff")).Document.QuerySelector("#composer-submit")!.TextContent.Trim());

        var filtered = await PageClient.For(App, bob).GetAsync($"/s/{sphere}?tag=kickoff");
        var filteredIds = filtered.Document.QuerySelectorAll("#sphere-feed article.post").Select(a => Guid.Parse(a.GetAttribute("data-post-id")!)).ToList();
        Assert.Equal([first, third], filteredIds);
        // Opening the feed read it: nothing unread left for bob there.
        var unread = (await bob.GetOkAsync("/api/v1/me/unread")).AsArray().FirstOrDefault(u => u!["sphereId"]!.GetValue<Guid>() == sphere);
        Assert.True(unread is null || unread["unread"]!.GetValue<int>() == 0);
    }

    [Fact]
    public async Task An_outsider_gets_404_on_the_sphere_and_its_posts()
    {
        var (alice, _, outsider, _, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(App);
        var post = await PostAsync(alice, sphere, "Secret plans");
        foreach (var path in new[] { $"/p/{post}", $"/s/{sphere}", $"/p/{post}/edit", $"/p/{post}/history", $"/p/{post}/copy" })
        {
            foreach (var who in new[] { PageClient.For(App, outsider), PageClient.For(App, null) })
            {
                var page = await who.GetAsync(path);
                Assert.True(HttpStatusCode.NotFound == page.Status, $"{path}: {page.Status} {page.Html[..Math.Min(page.Html.Length, 4000)]}");
                Assert.DoesNotContain("Secret plans", page.Html);
            }
        }
    }

    [Fact]
    public async Task A_public_sphere_reads_signed_out_without_a_composer()
    {
        var (alice, _, _, _, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(App, "public");
        await PostAsync(alice, sphere, "Hello world");
        var page = await PageClient.For(App, null).GetAsync($"/s/{sphere}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Hello world", page.Html);
        Assert.Null(page.Document.QuerySelector("#composer"));
    }

    [Fact]
    public async Task Posting_through_the_form_creates_the_post_and_redirects_to_the_feed()
    {
        var (_, bob, _, _, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(App);
        var browser = PageClient.For(App, bob);
        var page = await browser.GetAsync($"/s/{sphere}");
        var done = await browser.SubmitAsync(page, "#composer",
            [("Form.Body", "Hello from the **form** #web"), ("Form.Style", "idea")],
            [("files", "notes.txt", "some notes"u8.ToArray())]);
        Assert.True(done.Status is HttpStatusCode.SeeOther, $"{done.Status}: {done.Html[..Math.Min(done.Html.Length, 3000)]}");
        Assert.StartsWith($"/s/{sphere}", done.Response.Headers.Location!.PathAndQuery());

        var feed = await bob.GetOkAsync($"/api/v1/spheres/{sphere}/posts");
        var post = feed["items"]!.AsArray()[0]!;
        Assert.Equal("Hello from the **form** #web", post["body"]!.GetValue<string>());
        Assert.Equal("idea", post["style"]!.GetValue<string>());
        Assert.Equal("notes.txt", post["attachments"]!.AsArray().Single()!["fileName"]!.GetValue<string>());
        var after = await browser.GetAsync(done.Response.Headers.Location!.PathAndQuery());
        Assert.Equal(post["id"]!.GetValue<Guid>().ToString(), after.Document.QuerySelector("#sphere-feed article.post")!.GetAttribute("data-post-id"));
    }

    [Fact]
    public async Task An_empty_body_re_renders_the_form_with_the_error_next_to_the_field_and_creates_nothing()
    {
        var (_, bob, _, _, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(App);
        var browser = PageClient.For(App, bob);
        var page = await browser.GetAsync($"/s/{sphere}");
        var refused = await browser.SubmitAsync(page, "#composer", [("Form.Body", "   "), ("Form.PublishAt", "not a date")],
            [("files", "notes.txt", "some notes"u8.ToArray())]);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        var error = refused.Document.QuerySelector("[data-field-error='body']");
        Assert.NotNull(error);
        Assert.NotNull(error.Closest(".field")!.QuerySelector("#composer-body"));
        Assert.NotNull(refused.Document.QuerySelector("[data-field-error='publishAt']"));
        Assert.Empty((await bob.GetOkAsync($"/api/v1/spheres/{sphere}/posts"))["items"]!.AsArray());
    }

    [Fact]
    public async Task A_scheduled_post_is_read_in_the_viewers_time_zone()
    {
        var (_, bob, _, _, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(App);
        var browser = PageClient.For(App, bob);
        browser.SetCookie("enclave_tz", "Europe/Paris");
        var page = await browser.GetAsync($"/s/{sphere}");
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        var local = TimeZoneInfo.ConvertTimeFromUtc(App.Clock.GetUtcNow().UtcDateTime.AddDays(2), paris);
        local = new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0, DateTimeKind.Unspecified);
        var done = await browser.SubmitAsync(page, "#composer", [("Form.Body", "Later"), ("Form.PublishAt", local.ToString("yyyy-MM-ddTHH:mm"))]);
        Assert.True(done.Status is HttpStatusCode.SeeOther, done.Status.ToString());
        var location = done.Response.Headers.Location!.PathAndQuery();
        Assert.StartsWith("/p/", location);
        var post = await bob.GetOkAsync($"/api/v1/posts/{location[3..]}");
        Assert.Equal(TimeZoneInfo.ConvertTimeToUtc(local, paris), post["publishAt"]!.GetValue<DateTime>().ToUniversalTime());
        Assert.Empty((await bob.GetOkAsync($"/api/v1/spheres/{sphere}/posts"))["items"]!.AsArray());
    }
}
