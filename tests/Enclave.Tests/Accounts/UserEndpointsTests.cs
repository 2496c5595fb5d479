using System.Net;
using System.Net.Http.Headers;
using Enclave.Tests.Support;

namespace Enclave.Tests.Accounts;

public sealed class UserEndpointsTests
{
    [Theory, Engines]
    public async Task A_profile_is_visible_only_to_people_sharing_an_organization(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync(firstName: "Alice", lastName: "Martin");
        var bob = await app.SignUpAsync();
        var stranger = await app.SignUpAsync();
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
        var content = new ByteArrayContent(png);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        await alice.OkAsync(alice.Http.PutAsync("/api/v1/me/avatar", content));

        await Api.ProblemAsync(bob.GetAsync($"/api/v1/users/{alice.UserId}"), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(bob.GetAsync($"/api/v1/users/{alice.UserId}/avatar"), HttpStatusCode.NotFound, "not_found");

        var org = await alice.CreateOrganizationAsync();
        await alice.InviteAndAcceptAsync($"/api/v1/organizations/{org}", bob);
        var seen = await bob.GetOkAsync($"/api/v1/users/{alice.UserId}");
        Assert.Equal("Alice Martin", seen["displayName"]!.GetValue<string>());
        Assert.Null(seen["email"]);
        Assert.Equal(HttpStatusCode.OK, (await bob.GetAsync($"/api/v1/users/{alice.UserId}/avatar")).StatusCode);
        await alice.GetOkAsync($"/api/v1/users/{bob.UserId}");
        await alice.GetOkAsync($"/api/v1/users/{alice.UserId}");

        await Api.ProblemAsync(stranger.GetAsync($"/api/v1/users/{alice.UserId}"), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(app.Anonymous().GetAsync($"/api/v1/users/{alice.UserId}"), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(bob.GetAsync($"/api/v1/users/{Guid.CreateVersion7()}"), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(bob.GetAsync("/api/v1/users/not-a-guid"), HttpStatusCode.NotFound);

        // Once Bob leaves, Alice's profile is hidden from him again.
        Assert.Equal(HttpStatusCode.NoContent, (await bob.DeleteAsync($"/api/v1/organizations/{org}/members/{bob.UserId}")).StatusCode);
        await Api.ProblemAsync(bob.GetAsync($"/api/v1/users/{alice.UserId}"), HttpStatusCode.NotFound, "not_found");
    }

    [Theory, Engines]
    public async Task A_visitor_of_an_organization_does_not_see_its_members(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync();
        var guest = await app.SignUpAsync();
        var org = await alice.CreateOrganizationAsync();
        await alice.InviteAndAcceptAsync($"/api/v1/organizations/{org}", guest, role: "visitor");
        await Api.ProblemAsync(guest.GetAsync($"/api/v1/users/{alice.UserId}"), HttpStatusCode.NotFound, "not_found");
    }
}
