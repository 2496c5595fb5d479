using System.Net;
using Enclave.Tests.Posts;
using Enclave.Tests.Support;

namespace Enclave.Tests.Accounts.Pages;

public sealed class ProfilePageTests
{
    private static EnclaveApp App => EnclaveApp.Shared(Engine.Sqlite);

    [Fact]
    public async Task A_member_sees_a_profile_and_a_stranger_gets_404()
    {
        var (alice, bob, _, _, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(App);
        await alice.PatchOkAsync("/api/v1/me", new { bio = "Loves <b>maths</b>", status = "teleworking" });
        var stranger = await App.SignUpAsync();

        var page = await PageClient.For(App, bob).GetAsync($"/u/{alice.UserId}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal($"@{alice.User!.UserName}", page.Document.QuerySelector("#profile-username")!.TextContent);
        Assert.Equal("teleworking", page.Document.QuerySelector("#profile-status")!.TextContent);
        Assert.Equal("Loves <b>maths</b>", page.Document.QuerySelector("#profile-bio")!.TextContent);

        var hidden = await PageClient.For(App, stranger).GetAsync($"/u/{alice.UserId}");
        Assert.Equal(HttpStatusCode.NotFound, hidden.Status);
        Assert.DoesNotContain(alice.User.UserName, hidden.Html);
        Assert.Equal(HttpStatusCode.NotFound, (await PageClient.For(App, null).GetAsync($"/u/{alice.UserId}")).Status);

        // The per-sphere profile: for the sphere's members only.
        var inSphere = await PageClient.For(App, bob).GetAsync($"/s/{sphere}/members/{alice.UserId}");
        Assert.Equal(HttpStatusCode.OK, inSphere.Status);
        Assert.NotNull(inSphere.Document.QuerySelector("#profile-sphere"));
        Assert.Equal(HttpStatusCode.NotFound, (await PageClient.For(App, stranger).GetAsync($"/s/{sphere}/members/{alice.UserId}")).Status);
    }

    [Fact]
    public async Task My_bio_in_one_sphere_overrides_my_usual_one_there()
    {
        var (alice, bob, _, _, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(App);
        var browser = PageClient.For(App, alice);
        var mine = await browser.GetAsync($"/s/{sphere}/members/{alice.UserId}");
        var saved = await browser.SubmitFilledAsync(mine, "#sphere-bio-form", new Dictionary<string, string> { ["bio"] = "Sales lead here" });
        Assert.Equal(HttpStatusCode.SeeOther, saved.Status);
        var seen = await PageClient.For(App, bob).GetAsync($"/s/{sphere}/members/{alice.UserId}");
        Assert.Equal("Sales lead here", seen.Document.QuerySelector("#profile-bio")!.TextContent);
        Assert.Null(seen.Document.QuerySelector("#sphere-profile-editor"));
    }
}
