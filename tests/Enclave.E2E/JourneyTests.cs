using System.Text.RegularExpressions;
using Enclave.E2E.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Enclave.E2E;

/// <summary>
/// The main journey of two colleagues, through the pages only (clicking and typing, as a person
/// would): one creates an organization and a sphere with a charter and invites the other by link;
/// the other signs up through the link, accepts, and posts; the first sees the post arrive live,
/// reacts, comments with a mention, attaches a file, finds the post by search; an outsider sees
/// nothing of it.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed partial class JourneyTests(EnclaveServer server, Browser browser)
{
    static JourneyTests() => SetDefaultExpectTimeout(15_000);

    [Fact]
    public async Task Two_colleagues_meet_in_a_sphere_and_an_outsider_sees_nothing()
    {
        var word = Word();
        var sphereName = $"Sales team {word[..4]}";
        await using var alice = await browser.NewSessionAsync(server);
        await using var bruno = await browser.NewSessionAsync(server);
        var a = await alice.NewPageAsync();
        var b = await bruno.NewPageAsync();
        var aliceName = Accounts.UniqueName("alice");
        var brunoName = Accounts.UniqueName("bruno");

        // Alice signs up.
        await a.GotoAsync("/signup");
        await Accessibility.AssertAccessibleAsync(a);
        await Browser.ScreenshotAsync(a, "journey-01-signup");
        await FillSignUpAsync(a, "Alice", "Martin", aliceName);
        await Expect(a).ToHaveURLAsync(server.Url("/"));
        await Expect(a.GetByRole(AriaRole.Heading, new() { Name = "What's new in my spheres" })).ToBeVisibleAsync();
        await Accessibility.AssertAccessibleAsync(a);
        await Browser.ScreenshotAsync(a, "journey-02-home");

        // She creates an organization, then a classic sphere in it from the portal.
        await a.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Organizations" }).ClickAsync();
        await a.Locator("#create-organization").ClickAsync();
        await a.Locator("#org-name").FillAsync($"Acme {word[..4]}");
        await a.GetByRole(AriaRole.Button, new() { Name = "Create the organization" }).ClickAsync();
        await Expect(a).ToHaveURLAsync(OrganizationUrl());
        var organizationId = Id(a.Url, "o");
        await Accessibility.AssertAccessibleAsync(a);
        await Browser.ScreenshotAsync(a, "journey-03-organization-portal");

        await a.Locator("#portal-spheres #create-sphere").ClickAsync();
        await Expect(a).ToHaveURLAsync(new Regex($"/spheres/new\\?organizationId={organizationId}$"));
        await a.Locator("#sphere-name").FillAsync(sphereName);
        await Expect(a.Locator("#type-classic")).ToBeCheckedAsync();
        await Browser.ScreenshotAsync(a, "journey-04-new-sphere");
        await a.GetByRole(AriaRole.Button, new() { Name = "Create the sphere" }).ClickAsync();
        await Expect(a).ToHaveURLAsync(SphereUrl());
        var sphereId = Id(a.Url, "s");
        var tabs = a.GetByRole(AriaRole.Navigation, new() { Name = "Sphere sections" });

        // A charter, from the sphere's Charter tab.
        await tabs.GetByRole(AriaRole.Link, new() { Name = "Charter" }).ClickAsync();
        await a.Locator("#charter-input").FillAsync("Be kind. What is said here stays here.");
        await a.Locator("#save-charter").ClickAsync();
        await Expect(a.Locator("#charter-text")).ToHaveTextAsync("Be kind. What is said here stays here.");
        if (await a.Locator("#accept-charter").IsVisibleAsync()) await a.Locator("#accept-charter").ClickAsync();
        await Browser.ScreenshotAsync(a, "journey-05-charter");

        // A classic sphere takes members of its organization only: Bruno is first invited to the organization.
        await a.GotoAsync($"/o/{organizationId}");
        await a.GetByRole(AriaRole.Navigation, new() { Name = "Organization sections" }).GetByRole(AriaRole.Link, new() { Name = "Invitations" }).ClickAsync();
        await a.Locator("#invite-email").FillAsync($"{brunoName}@example.org");
        await a.GetByRole(AriaRole.Button, new() { Name = "Send the invitation" }).ClickAsync();
        var organizationLink = await a.Locator("#invitation-link").InputValueAsync();
        await Browser.ScreenshotAsync(a, "journey-06-organization-invitation");

        // Bruno opens the link, creates his account through it and accepts.
        await b.GotoAsync(organizationLink);
        await Expect(b.GetByRole(AriaRole.Heading, new() { Name = "You are invited" })).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(b, "journey-07-invitation-link");
        await b.GetByRole(AriaRole.Link, new() { Name = "Create my account and accept" }).ClickAsync();
        await FillSignUpAsync(b, "Bruno", "Keller", brunoName);
        await b.GetByRole(AriaRole.Button, new() { Name = "Accept as Bruno Keller" }).ClickAsync();
        await Expect(b).ToHaveURLAsync(server.Url($"/o/{organizationId}"));

        // Alice invites him, now a colleague, into the sphere, from its Invitations tab.
        await a.GotoAsync($"/s/{sphereId}");
        await tabs.GetByRole(AriaRole.Link, new() { Name = "Invitations" }).ClickAsync();
        await a.Locator("#invite-email").FillAsync($"{brunoName}@example.org");
        await a.Locator("#send-invitation").ClickAsync();
        var sphereLink = await a.Locator("#invitation-link").InputValueAsync();
        Assert.StartsWith(server.BaseUrl + "/invite/", sphereLink, StringComparison.Ordinal);
        await Browser.ScreenshotAsync(a, "journey-08-sphere-invitation");

        // Alice keeps the sphere's feed open while Bruno joins and writes.
        var stream = a.WaitForRequestAsync(server.Url("/api/v1/events"));
        await tabs.GetByRole(AriaRole.Link, new() { Name = "Feed" }).ClickAsync();
        await Expect(a).ToHaveURLAsync(server.Url($"/s/{sphereId}"));
        await stream;
        await a.Locator("html[data-live=ready]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 15_000 });
        await Accessibility.AssertAccessibleAsync(a);
        await a.EvaluateAsync("() => { window.__sameDocument = true; }");

        await b.GotoAsync(sphereLink);
        await b.GetByRole(AriaRole.Button, new() { Name = "Accept as Bruno Keller" }).ClickAsync();
        await Expect(b).ToHaveURLAsync(server.Url($"/s/{sphereId}"));
        await b.Locator("#sphere-charter-link").ClickAsync();
        await b.Locator("#accept-charter").ClickAsync();
        await Expect(b).ToHaveURLAsync(server.Url($"/s/{sphereId}"));
        var publish = b.Locator("#composer-submit");
        await Expect(publish).ToHaveTextAsync($"Publish in «{sphereName}»");
        var postText = $"Hello everyone, the {word} report is ready.";
        await b.Locator("#composer-body").FillAsync(postText);
        await Browser.ScreenshotAsync(b, "journey-09-composer");
        await publish.ClickAsync();
        // A published post lands in the feed, scrolled to it.
        await Expect(b).ToHaveURLAsync(PublishedUrl());
        var postId = Guid.Parse(new Uri(b.Url).Fragment["#post-".Length..]);
        await Expect(b.Locator($"#post-{postId}")).ToContainTextAsync(postText);

        // Alice sees it announced live, without a reload, and brings it in.
        var newPosts = a.Locator("[data-new-posts]");
        await Expect(newPosts).ToBeVisibleAsync();
        await Expect(newPosts).ToContainTextAsync("1 new post");
        await Browser.ScreenshotAsync(a, "journey-10-new-posts-button");
        await newPosts.ClickAsync();
        var card = a.Locator($"#post-{postId}");
        await Expect(card).ToContainTextAsync(postText);
        Assert.True(await a.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the feed reloaded");

        // She reacts: the count changes in place.
        var like = card.Locator("button.reaction[value=like]");
        await Expect(like).ToHaveAttributeAsync("aria-pressed", "false");
        await like.ClickAsync();
        await Expect(card.Locator("button.reaction[value=like]")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(card.Locator("button.reaction[value=like]")).ToHaveAttributeAsync("aria-label", new Regex(@", 1$"));
        await Expect(card.Locator("button.reaction[value=like]")).ToHaveTextAsync(new Regex(@"\b1\b"));
        Assert.True(await a.EvaluateAsync<bool>("() => window.__sameDocument === true"), "reacting reloaded the page");
        await Browser.ScreenshotAsync(a, "journey-11-reaction");

        // She comments on the post's page and mentions Bruno through the suggestions.
        await card.GetByRole(AriaRole.Link, new() { Name = "Comment" }).ClickAsync();
        await Expect(a).ToHaveURLAsync(server.Url($"/p/{postId}#comments"));
        var comment = a.Locator($"#comment-{postId}-body");
        await comment.PressSequentiallyAsync("Thanks ");
        await comment.PressSequentiallyAsync("@" + brunoName[..7]);
        var options = a.Locator($"#{await comment.GetAttributeAsync("aria-controls")} [role=option]");
        await Expect(options).ToHaveCountAsync(1);
        await Expect(options).ToContainTextAsync($"(@{brunoName})");
        await Browser.ScreenshotAsync(a, "journey-12-mention-suggestion");
        await comment.PressAsync("Enter");
        await Expect(comment).ToHaveValueAsync($"Thanks @{brunoName} ");
        await comment.PressSequentiallyAsync("great work!");
        await a.Locator("form.comment-form").GetByRole(AriaRole.Button, new() { Name = "Comment" }).ClickAsync();
        var posted = a.Locator($"#comments-{postId} .comment");
        await Expect(posted).ToHaveCountAsync(1);
        await Expect(posted).ToContainTextAsync($"@{brunoName}");
        await Expect(posted).ToContainTextAsync("great work!");
        await Accessibility.AssertAccessibleAsync(a);
        await Browser.ScreenshotAsync(a, "journey-13-post-with-comment");

        // She publishes a post with a file, then downloads it from the post.
        await a.GetByRole(AriaRole.Navigation, new() { Name = "Breadcrumbs" }).GetByRole(AriaRole.Link, new() { Name = sphereName }).ClickAsync();
        await Expect(a).ToHaveURLAsync(server.Url($"/s/{sphereId}"));
        var bytes = System.Text.Encoding.UTF8.GetBytes($"Quarterly figures {word}\nnorth 12\nsouth 30\n");
        await a.Locator("#composer-body").FillAsync("The figures, attached.");
        await a.Locator("#composer-files").SetInputFilesAsync(new FilePayload { Name = "figures.txt", MimeType = "text/plain", Buffer = bytes });
        await Expect(a.Locator("#composer-uploads li[data-upload-done]")).ToContainTextAsync("figures.txt");
        await a.Locator("#composer-submit").ClickAsync();
        await Expect(a).ToHaveURLAsync(PublishedUrl());
        var filePost = a.Locator(new Uri(a.Url).Fragment);
        await Expect(filePost).ToContainTextAsync("The figures, attached.");
        var attachment = filePost.Locator(".attachments a", new() { HasText = "figures.txt" });
        var download = await a.RunAndWaitForDownloadAsync(() => attachment.ClickAsync());
        Assert.Equal("figures.txt", download.SuggestedFilename);
        await using (var downloaded = await download.CreateReadStreamAsync())
        {
            using var copy = new MemoryStream();
            await downloaded.CopyToAsync(copy);
            Assert.Equal(bytes, copy.ToArray());
        }
        await Browser.ScreenshotAsync(a, "journey-14-attachment");

        // The top bar's search finds Bruno's post, the word highlighted.
        await a.Locator("#top-search").FillAsync(word);
        await a.Locator("#top-search").PressAsync("Enter");
        await Expect(a).ToHaveURLAsync(new Regex(@"/search\?q=" + word));
        var hit = a.Locator($"#search-results li[data-id='{postId}']");
        await Expect(hit.Locator("mark")).ToHaveTextAsync(word, new() { IgnoreCase = true });
        await Accessibility.AssertAccessibleAsync(a);
        await Browser.ScreenshotAsync(a, "journey-15-search");

        // Her settings, from the account menu.
        await a.Locator("details.menu summary").ClickAsync();
        await a.Locator("details.menu").GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();
        await Expect(a.Locator("#settings-title")).ToBeVisibleAsync();
        await Accessibility.AssertAccessibleAsync(a);
        await Browser.ScreenshotAsync(a, "journey-16-settings");

        alice.AssertNoConsoleErrors(a);
        bruno.AssertNoConsoleErrors(b);
        alice.AssertOnlyServerRequested();
        bruno.AssertOnlyServerRequested();

        // An outsider with both addresses gets "Not found", and not a word of the post.
        await using var outsider = await browser.NewSessionAsync(server);
        var c = await outsider.NewPageAsync();
        await c.GotoAsync("/signin");
        await Accessibility.AssertAccessibleAsync(c);
        await outsider.SignUpAsync(Accounts.UniqueName("olga"));
        foreach (var path in new[] { $"/s/{sphereId}", $"/p/{postId}" })
        {
            var response = await c.GotoAsync(path);
            Assert.Equal(404, response!.Status);
            await Expect(c.GetByRole(AriaRole.Heading, new() { Name = "Not found", Level = 1 })).ToBeVisibleAsync();
            var html = await c.ContentAsync();
            Assert.DoesNotContain(word, html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(sphereName, html, StringComparison.Ordinal);
        }
        await Browser.ScreenshotAsync(c, "journey-17-outsider-not-found");
    }

    private static async Task FillSignUpAsync(IPage page, string firstName, string lastName, string userName)
    {
        await page.Locator("#firstName").FillAsync(firstName);
        await page.Locator("#lastName").FillAsync(lastName);
        await page.Locator("#userName").FillAsync(userName);
        await page.Locator("#email").FillAsync($"{userName}@example.org");
        await page.Locator("#password").FillAsync(Accounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create my account" }).ClickAsync();
    }

    /// <summary>A made-up word of letters only, unique to this run, so that search finds exactly our post.</summary>
    private static string Word() =>
        "quill" + string.Concat(Guid.NewGuid().ToString("N")[..8].Select(c => (char)('a' + Convert.ToInt32(c.ToString(), 16))));

    private static Guid Id(string url, string prefix) => Guid.Parse(new Uri(url).AbsolutePath.Split('/')[2]) is var id && url.Contains($"/{prefix}/") ? id : throw new InvalidOperationException(url);

    [GeneratedRegex(@"/o/[0-9a-f-]{36}$")]
    private static partial Regex OrganizationUrl();

    [GeneratedRegex(@"/s/[0-9a-f-]{36}$")]
    private static partial Regex SphereUrl();

    [GeneratedRegex(@"/s/[0-9a-f-]{36}#post-[0-9a-f-]{36}$")]
    private static partial Regex PublishedUrl();
}
