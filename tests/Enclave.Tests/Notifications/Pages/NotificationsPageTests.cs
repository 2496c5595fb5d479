using System.Net;
using Enclave.Tests.Posts;
using Enclave.Tests.Support;

namespace Enclave.Tests.Notifications.Pages;

public sealed class NotificationsPageTests
{
    private static EnclaveApp App => EnclaveApp.Shared(Engine.Sqlite);

    [Fact]
    public async Task A_mention_is_listed_and_opening_it_marks_it_read_and_goes_to_the_post()
    {
        var (alice, bob, _, _, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(App);
        var post = (await alice.PostOkAsync($"/api/v1/spheres/{sphere}/posts", new { body = $"Hello @{bob.User!.UserName}" }))["id"]!.GetValue<Guid>();
        var browser = PageClient.For(App, bob);

        var page = await browser.GetAsync("/notifications");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var item = page.Document.QuerySelectorAll("#notification-list > li").Single(li => li.QuerySelector($"input[name=returnUrl][value='/p/{post}']") is not null);
        Assert.Equal("false", item.GetAttribute("data-read"));
        Assert.Contains("mentioned you in", item.TextContent);
        Assert.Contains("Test Person", item.TextContent);

        var opened = await browser.SubmitFilledAsync(page, $"#{item.Id} form.notification-open");
        Assert.Equal(HttpStatusCode.SeeOther, opened.Status);
        Assert.Equal($"/p/{post}", opened.Location);
        var id = item.GetAttribute("data-notification-id")!;
        var after = await browser.GetAsync("/notifications");
        Assert.Equal("true", after.Document.QuerySelector($"#notification-{id}")!.GetAttribute("data-read"));
        var unread = await bob.GetOkAsync("/api/v1/notifications?unread=true");
        Assert.DoesNotContain(unread["items"]!.AsArray(), n => n!["id"]!.GetValue<string>() == id);
    }

    [Fact]
    public async Task Mark_all_as_read_and_sign_in_is_required()
    {
        var (alice, bob, _, _, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(App);
        await alice.PostOkAsync($"/api/v1/spheres/{sphere}/posts", new { body = $"Ping @{bob.User!.UserName}" });
        var browser = PageClient.For(App, bob);
        var page = await browser.GetAsync("/notifications");
        var done = await browser.SubmitFilledAsync(page, "#notifications-read-all");
        Assert.Equal(HttpStatusCode.SeeOther, done.Status);
        Assert.Equal(0, (await bob.GetOkAsync("/api/v1/notifications/unread-count"))["count"]!.GetValue<int>());

        var anonymous = await PageClient.For(App, null).GetAsync("/notifications");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.Status);
        Assert.Contains("/signin?returnUrl=%2Fnotifications", anonymous.Location);
    }
}
