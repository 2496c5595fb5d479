using System.Net;
using Enclave.Tests.Support;

namespace Enclave.Tests.Posts.Pages;

public sealed class HomeAndPostPageTests
{
    private static EnclaveApp App => EnclaveApp.Shared(Engine.Sqlite);

    private static async Task<(Api Owner, Guid Sphere, Guid Post)> PostInSphereAsync(string body)
    {
        var owner = await App.SignUpAsync();
        var organization = await owner.CreateOrganizationAsync("Sailing League");
        var sphere = await owner.CreateSphereAsync(organization, name: "Regatta crew");
        var post = await owner.PostOkAsync($"/api/v1/spheres/{sphere}/posts", new { body });
        return (owner, sphere, post["id"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task The_home_feed_labels_each_post_with_its_sphere_and_organization_and_counts_unread()
    {
        var (owner, sphere, post) = await PostInSphereAsync("Race on **Sunday**");
        var member = await App.SignUpAsync();
        var organization = (await owner.GetOkAsync($"/api/v1/spheres/{sphere}"))["organizationId"]!.GetValue<Guid>();
        await owner.InviteAndAcceptAsync($"/api/v1/organizations/{organization}", member);
        await owner.InviteAndAcceptAsync($"/api/v1/spheres/{sphere}", member);
        await owner.PostOkAsync($"/api/v1/spheres/{sphere}/posts", new { body = "Bring your life jacket" });

        var home = await PageClient.For(App, member).GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.Status);
        var card = home.Document.QuerySelector($"#post-{post}")!;
        Assert.Contains("Regatta crew", card.QuerySelector(".where")!.TextContent);
        Assert.Contains("Sailing League", card.QuerySelector(".where")!.TextContent);
        Assert.Equal("Sunday", card.QuerySelector(".post-body strong")?.TextContent);
        Assert.NotNull(home.Document.QuerySelector($"[data-unread-for='{sphere}']"));
    }

    [Fact]
    public async Task An_outsider_gets_not_found_for_a_post_its_fragment_and_its_actions()
    {
        var (owner, _, post) = await PostInSphereAsync("Secret plans");
        var outsider = await App.SignUpAsync();
        var browser = PageClient.For(App, outsider);
        var page = await browser.GetAsync($"/p/{post}");
        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.DoesNotContain("Secret plans", page.Text);
        Assert.NotNull(page.Document.QuerySelector(".not-found h1")); // the not-found page, with its layout, not a blank body
        Assert.NotNull(page.Document.QuerySelector("header.topbar"));
        var fragment = await browser.GetAsync($"/ui/fragments/posts/{post}");
        Assert.Equal(HttpStatusCode.NotFound, fragment.Status);
        Assert.DoesNotContain("Secret plans", await fragment.Response.Content.ReadAsStringAsync());
        var home = await browser.GetAsync("/");
        var react = await browser.SubmitAsync(home, "form.language-switch", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.SeeOther, react.Status);
        // The reaction form of a post the outsider cannot see: refused, and nothing leaks into the redirect.
        var refused = await browser.SubmitAsync(WithAction(home, $"/ui/posts/{post}/react"), "form#forged", ("kind", "like"), ("returnUrl", "/"));
        Assert.Equal(HttpStatusCode.SeeOther, refused.Status);
        Assert.Empty((await owner.GetOkAsync($"/api/v1/posts/{post}"))["reactions"]!.AsArray());
    }

    [Fact]
    public async Task A_member_reacts_and_comments_through_the_forms()
    {
        var (owner, _, post) = await PostInSphereAsync("Who comes?");
        var browser = PageClient.For(App, owner);
        var page = await browser.GetAsync($"/p/{post}");
        var reacted = await browser.SubmitAsync(page, $"#post-{post} form[action$='/react']", ("kind", "thanks"));
        Assert.Equal(HttpStatusCode.SeeOther, reacted.Status);
        var commented = await browser.SubmitAsync(page, $"form[action='/ui/posts/{post}/comments']", ("body", "I do, with @" + owner.User!.UserName));
        Assert.Equal(HttpStatusCode.SeeOther, commented.Status);
        Assert.StartsWith($"/p/{post}#comment-", commented.Location);
        var view = await owner.GetOkAsync($"/api/v1/posts/{post}");
        Assert.Equal(1, view["commentCount"]!.GetValue<int>());
        Assert.Contains(view["reactions"]!.AsArray(), r => r!["kind"]!.GetValue<string>() == "thanks" && r["mine"]!.GetValue<bool>());
        var again = await browser.SubmitAsync(page, $"#post-{post} form[action$='/react']", ("kind", "thanks"));
        Assert.Equal(HttpStatusCode.SeeOther, again.Status);
        var toggled = await owner.GetOkAsync($"/api/v1/posts/{post}");
        Assert.DoesNotContain(toggled["reactions"]!.AsArray(), r => r!["kind"]!.GetValue<string>() == "thanks" && r["count"]!.GetValue<int>() > 0);
        var empty = await browser.SubmitAsync(page, $"form[action='/ui/posts/{post}/comments']", ("body", "   "));
        Assert.Equal(HttpStatusCode.SeeOther, empty.Status);
        Assert.Equal(1, (await owner.GetOkAsync($"/api/v1/posts/{post}"))["commentCount"]!.GetValue<int>());
    }

    /// <summary>A copy of the page with one more form, as a forger would build it (the antiforgery token is the page's own).</summary>
    private static PageClient.PageResult WithAction(PageClient.PageResult page, string action)
    {
        var token = page.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value");
        var form = page.Document.CreateElement("form");
        form.Id = "forged";
        form.SetAttribute("action", action);
        form.InnerHtml = $"<input type=hidden name=__RequestVerificationToken value=\"{token}\">";
        page.Document.Body!.AppendChild(form);
        return page;
    }
}
