using System.Net;
using Enclave.Tests.Support;

namespace Enclave.Tests.Organizations.Pages;

/// <summary>The forms of the organization pages: bad input re-renders with the error and changes nothing; good input does what it says.</summary>
public sealed class OrganizationFormsTests
{
    private static EnclaveApp App => EnclaveApp.Shared(Engine.Sqlite);

    [Fact]
    public async Task Creating_an_organization_with_a_one_letter_name_shows_the_error_and_creates_nothing()
    {
        var person = await App.SignUpAsync();
        var browser = PageClient.For(App, person);
        var form = await browser.GetAsync("/organizations/new");
        var page = await browser.SubmitFilledAsync(form, "#create-organization-form", new Dictionary<string, string> { ["Form.Name"] = "X" }, "/organizations/new");
        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.NotNull(page.Document.QuerySelector("[data-field-error='name']"));
        Assert.Equal("X", ((AngleSharp.Html.Dom.IHtmlInputElement)page.Document.QuerySelector("#org-name")!).Value);
        Assert.Empty((await person.GetOkAsync("/api/v1/organizations"))["items"]!.AsArray());
    }

    [Fact]
    public async Task Creating_an_organization_leads_to_its_portal()
    {
        var person = await App.SignUpAsync();
        var browser = PageClient.For(App, person);
        var form = await browser.GetAsync("/organizations/new");
        var page = await browser.SubmitFilledAsync(form, "#create-organization-form",
            new Dictionary<string, string> { ["Form.Name"] = "Chess Club", ["Form.Description"] = "Knights and bishops" }, "/organizations/new");
        Assert.True(page.Status is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther, page.Status.ToString());
        var created = (await person.GetOkAsync("/api/v1/organizations"))["items"]!.AsArray().Single()!;
        Assert.Equal("Chess Club", created["name"]!.GetValue<string>());
        Assert.Equal("manager", created["myRole"]!.GetValue<string>());
        Assert.True(created["membersCanCreateSpheres"]!.GetValue<bool>());
        Assert.False(created["externalPortal"]!.GetValue<bool>());
        Assert.EndsWith($"/o/{created["id"]}", page.Location);
    }

    [Fact]
    public async Task Inviting_by_user_name_shows_the_link_once_and_lists_the_invitation()
    {
        var manager = await App.SignUpAsync();
        var invitee = await App.SignUpAsync();
        var org = await manager.CreateOrganizationAsync();
        var browser = PageClient.For(App, manager);
        var form = await browser.GetAsync($"/o/{org}/invitations");
        var page = await browser.SubmitFilledAsync(form, "#invite-form", new Dictionary<string, string> { ["Form.UserName"] = invitee.User!.UserName }, $"/o/{org}/invitations");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var link = ((AngleSharp.Html.Dom.IHtmlInputElement)page.Document.QuerySelector("#invitation-link")!).Value;
        Assert.Contains("inv_", link);
        Assert.Single(page.Document.QuerySelectorAll("#pending-invitations [data-invitation]"));
        var again = await browser.GetAsync($"/o/{org}/invitations");
        Assert.Null(again.Document.QuerySelector("#invitation-link"));
        Assert.Single((await invitee.GetOkAsync("/api/v1/me/invitations"))["items"]!.AsArray());
    }

    [Fact]
    public async Task Inviting_nobody_shows_the_field_error_and_creates_nothing()
    {
        var manager = await App.SignUpAsync();
        var org = await manager.CreateOrganizationAsync();
        var browser = PageClient.For(App, manager);
        var form = await browser.GetAsync($"/o/{org}/invitations");
        var page = await browser.SubmitFilledAsync(form, "#invite-form", null, $"/o/{org}/invitations");
        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.NotNull(page.Document.QuerySelector("[data-field-error='userName']"));
        Assert.Empty((await manager.GetOkAsync($"/api/v1/organizations/{org}/invitations"))["items"]!.AsArray());
    }

    [Fact]
    public async Task Demoting_the_last_manager_is_refused_with_the_problem_and_changes_nothing()
    {
        var manager = await App.SignUpAsync();
        var org = await manager.CreateOrganizationAsync();
        var browser = PageClient.For(App, manager);
        var members = await browser.GetAsync($"/o/{org}/members");
        var refused = await browser.SubmitFilledAsync(members, $"[data-member='{manager.UserId}'] form.member-role", new Dictionary<string, string> { ["role"] = "member" });
        Assert.Equal(HttpStatusCode.SeeOther, refused.Status);
        var after = await browser.GetAsync(refused.Location!);
        Assert.Contains("at least one manager", after.Document.QuerySelector(".flash")!.TextContent);
        Assert.Equal("manager", (await manager.GetOkAsync($"/api/v1/organizations/{org}"))["myRole"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_federation_tree_shows_the_mother_and_the_daughter()
    {
        var manager = await App.SignUpAsync();
        var mother = await manager.CreateOrganizationAsync("League");
        var daughter = await manager.CreateOrganizationAsync("Club");
        var browser = PageClient.For(App, manager);
        var federation = await browser.GetAsync($"/o/{daughter}/federation");
        var attached = await browser.SubmitFilledAsync(federation, "#attach-form", new Dictionary<string, string> { ["Form.ParentId"] = mother.ToString() }, $"/o/{daughter}/federation");
        Assert.True(attached.Status is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther, attached.Status + attached.Html);

        var page = await browser.GetAsync($"/o/{daughter}");
        var tree = page.Document.QuerySelector("#federation-tree")!;
        Assert.NotNull(tree.QuerySelector($"[data-tree-node='{mother}'] [data-tree-node='{daughter}']"));
        Assert.Equal("Club", tree.QuerySelector("a[aria-current='page']")!.TextContent);
        Assert.Equal("League", page.Document.QuerySelector($"#organization-header [data-ancestor='{mother}']")!.TextContent);
        var motherPage = await browser.GetAsync($"/o/{mother}");
        Assert.Equal("League", motherPage.Document.QuerySelector("#federation-tree a[aria-current='page']")!.TextContent);
    }

    [Fact]
    public async Task A_pending_charter_replaces_the_portal_until_accepted()
    {
        var manager = await App.SignUpAsync();
        var member = await App.SignUpAsync();
        var org = await manager.CreateOrganizationAsync();
        var sphere = await manager.CreateSphereAsync(org, "open");
        await manager.InviteAndAcceptAsync($"/api/v1/organizations/{org}", member);
        await manager.PutOkAsync($"/api/v1/organizations/{org}/charter", new { text = "Rule one: be nice." });
        var browser = PageClient.For(App, member);
        var page = await browser.GetAsync($"/o/{org}");
        Assert.Contains("Rule one", page.Document.QuerySelector("#charter-text")!.TextContent);
        Assert.Null(page.Document.QuerySelector("#portal-spheres"));
        var accepted = await browser.SubmitFilledAsync(page, "#charter-acceptance form");
        Assert.Equal(HttpStatusCode.SeeOther, accepted.Status);
        var portal = await browser.GetAsync($"/o/{org}");
        Assert.NotNull(portal.Document.QuerySelector($"#portal-spheres [data-sphere='{sphere}']"));
    }
}
