using System.Net;
using Enclave.Tests.Support;

namespace Enclave.Tests.Memberships.Pages;

public sealed class InvitationLinkPageTests
{
    private static EnclaveApp App => EnclaveApp.Shared(Engine.Sqlite);

    [Fact]
    public async Task A_newcomer_opens_the_link_signs_up_accepts_and_lands_in_the_sphere()
    {
        var owner = await App.SignUpAsync();
        // A personal sphere takes outsiders by invitation (an organization's spheres need its members).
        var sphere = await owner.CreateSphereAsync(null, name: "Sales team");
        var invitation = await owner.PostOkAsync($"/api/v1/spheres/{sphere}/invitations", new { email = $"{World.UniqueName()}@example.org" });
        var link = invitation["link"]!.GetValue<string>();

        var browser = new PageClient(App);
        var landing = await browser.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, landing.Status);
        Assert.Contains("Sales team", landing.Text);
        var signUpLink = landing.Document.QuerySelector("[data-invitation] a[href^='/signup']")!.GetAttribute("href")!;

        var signUp = await browser.GetAsync(signUpLink);
        var userName = World.UniqueName();
        var created = await browser.SubmitAsync(signUp, "form[action^='/signup']", new Dictionary<string, string>
        {
            ["Form.FirstName"] = "Nina", ["Form.LastName"] = "Simone", ["Form.UserName"] = userName,
            ["Form.Email"] = $"{userName}@example.org", ["Form.Password"] = World.Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, created.Status);
        Assert.True(created.Location?.EndsWith(link, StringComparison.Ordinal), $"went to {created.Location}");

        var signedIn = await browser.GetAsync(link);
        var accepted = await browser.SubmitAsync(signedIn, "form[action='/ui/invitations/accept-link']");
        Assert.Equal(HttpStatusCode.SeeOther, accepted.Status);
        Assert.Equal($"/s/{sphere}", accepted.Location);
    }

    [Fact]
    public async Task An_unknown_link_says_it_is_no_longer_valid()
    {
        var page = await new PageClient(App).GetAsync("/invite/not-a-real-token");
        Assert.Equal(HttpStatusCode.Gone, page.Status);
        Assert.Contains("no longer valid", page.Text);
    }
}
