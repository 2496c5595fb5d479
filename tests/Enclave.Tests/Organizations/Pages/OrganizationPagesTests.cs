using System.Net;
using Enclave.Tests.Support;

namespace Enclave.Tests.Organizations.Pages;

/// <summary>The organization pages through HTTP as HTML: what renders for whom, and what the forms do.</summary>
public sealed class OrganizationPagesTests
{
    private static readonly string[] Tabs = ["", "/members", "/invitations", "/requests", "/federation", "/settings", "/charter"];
    private static readonly string[] ManagementTabs = ["/members", "/invitations", "/requests", "/federation", "/settings"];

    private static EnclaveApp App => EnclaveApp.Shared(Engine.Sqlite);

    [Fact]
    public async Task Every_page_renders_for_a_manager()
    {
        var manager = await App.SignUpAsync();
        var org = await manager.CreateOrganizationAsync("Pages Org", new { description = "We make pages." });
        await manager.PutOkAsync($"/api/v1/organizations/{org}/charter", new { text = "Be kind." });
        await manager.PostOkAsync($"/api/v1/organizations/{org}/charter/accept", new { version = 1 });
        var sphere = await manager.CreateSphereAsync(org, "open", "Town square");
        var browser = PageClient.For(App, manager);

        var list = await browser.GetAsync("/organizations");
        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.NotNull(list.Document.QuerySelector($"#my-organizations [data-organization='{org}']"));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/organizations/new")).Status);
        foreach (var tab in Tabs)
        {
            var page = await browser.GetAsync($"/o/{org}{tab}");
            Assert.True(page.Status == HttpStatusCode.OK, $"{tab}: {page.Status}");
            Assert.Equal("Pages Org", page.Document.QuerySelector("#organization-header h1")?.TextContent);
            if (tab.Length > 0) Assert.Equal("page", page.Document.QuerySelector($".org-tabs a[href='/o/{org}{tab}']")?.GetAttribute("aria-current"));
        }
        var portal = await browser.GetAsync($"/o/{org}");
        Assert.NotNull(portal.Document.QuerySelector($"#portal-spheres [data-sphere='{sphere}']"));
        Assert.NotNull(portal.Document.QuerySelector("#create-sphere"));
        Assert.Contains("We make pages.", portal.Document.QuerySelector("#organization-description")!.TextContent);
    }

    [Fact]
    public async Task An_outsider_gets_404_on_the_internal_portal_and_every_management_page()
    {
        var manager = await App.SignUpAsync();
        var outsider = await App.SignUpAsync();
        var name = World.UniqueName("Secret org ");
        var org = await manager.CreateOrganizationAsync(name);
        var browser = PageClient.For(App, outsider);
        foreach (var tab in Tabs.Append("/portal"))
        {
            var page = await browser.GetAsync($"/o/{org}{tab}");
            Assert.True(page.Status == HttpStatusCode.NotFound, $"{tab}: {page.Status}");
            Assert.NotNull(page.Document.QuerySelector(".not-found"));
            Assert.DoesNotContain(name, page.Html);
        }
        // An organization that does not exist looks the same.
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/o/{Guid.CreateVersion7()}/members")).Status);
    }

    [Fact]
    public async Task A_plain_member_and_a_visitor_get_404_on_management_pages()
    {
        var manager = await App.SignUpAsync();
        var member = await App.SignUpAsync();
        var visitor = await App.SignUpAsync();
        var org = await manager.CreateOrganizationAsync();
        await manager.InviteAndAcceptAsync($"/api/v1/organizations/{org}", member);
        await manager.InviteAndAcceptAsync($"/api/v1/organizations/{org}", visitor, "visitor");
        foreach (var person in new[] { member, visitor })
        {
            var browser = PageClient.For(App, person);
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/o/{org}")).Status);
            foreach (var tab in ManagementTabs)
                Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/o/{org}{tab}")).Status);
        }
        var portal = await PageClient.For(App, member).GetAsync($"/o/{org}");
        Assert.Null(portal.Document.QuerySelector($".org-tabs a[href='/o/{org}/members']"));
    }

    [Fact]
    public async Task Signed_out_visitors_are_sent_to_sign_in()
    {
        var manager = await App.SignUpAsync();
        var org = await manager.CreateOrganizationAsync();
        var page = await PageClient.For(App, null).GetAsync($"/o/{org}/members");
        Assert.True(page.Status is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther, page.Status.ToString());
        Assert.Equal($"/signin?returnUrl={Uri.EscapeDataString($"/o/{org}/members")}", new Uri(new Uri("http://x"), page.Location).PathAndQuery);
    }

    [Fact]
    public async Task The_external_portal_renders_signed_out_when_enabled_and_is_404_when_not()
    {
        var manager = await App.SignUpAsync();
        var open = await manager.CreateOrganizationAsync("Open Club", new { externalPortal = true, description = "Come and play." });
        var closed = await manager.CreateOrganizationAsync("Closed Club");
        var anonymous = PageClient.For(App, null);

        var page = await anonymous.GetAsync($"/o/{open}/portal");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Open Club", page.Document.QuerySelector("h1")!.TextContent);
        Assert.Contains("Come and play.", page.Html);
        Assert.Contains($"returnUrl={Uri.EscapeDataString($"/o/{open}/portal")}", page.Document.QuerySelector("#sign-in-to-ask")!.GetAttribute("href"));

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/o/{closed}/portal")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await PageClient.For(App, manager).GetAsync($"/o/{closed}/portal")).Status);
    }

    [Fact]
    public async Task A_signed_in_outsider_asks_for_an_invitation_from_the_external_portal()
    {
        var manager = await App.SignUpAsync();
        var outsider = await App.SignUpAsync();
        var org = await manager.CreateOrganizationAsync(null, new { externalPortal = true });
        var browser = PageClient.For(App, outsider);
        var page = await browser.GetAsync($"/o/{org}/portal");
        var sent = await browser.SubmitFilledAsync(page, "#join-request form", new Dictionary<string, string> { ["message"] = "Let me in" });
        Assert.Equal(HttpStatusCode.SeeOther, sent.Status);
        var requests = await manager.GetOkAsync($"/api/v1/organizations/{org}/join-requests");
        Assert.Equal("Let me in", requests["items"]![0]!["message"]!.GetValue<string>());

        var managerPage = await PageClient.For(App, manager).GetAsync($"/o/{org}/requests");
        Assert.Single(managerPage.Document.QuerySelectorAll("#join-requests [data-join-request]"));
    }
}
