using System.Net;
using Enclave.Tests.Support;

namespace Enclave.Tests.Accounts;

public sealed class SignupSmokeTests
{
    [Theory, Engines]
    public async Task Sign_up_then_me_returns_the_account(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync(firstName: "Alice", lastName: "Martin");
        var me = await alice.GetOkAsync("/api/v1/me");
        Assert.Equal(alice.User!.UserName, me["userName"]!.GetValue<string>());
        Assert.Equal("Alice Martin", me["displayName"]!.GetValue<string>());
        await Api.ProblemAsync(app.Anonymous().GetAsync("/api/v1/me"), HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Theory, Engines]
    public async Task Organization_and_sphere_round_trip(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync();
        var bob = await app.SignUpAsync();
        var org = await alice.CreateOrganizationAsync();
        var sphere = await alice.CreateSphereAsync(org);
        await Api.ProblemAsync(bob.GetAsync($"/api/v1/spheres/{sphere}"), HttpStatusCode.NotFound, "not_found");
        await alice.InviteAndAcceptAsync($"/api/v1/organizations/{org}", bob);
        await alice.InviteAndAcceptAsync($"/api/v1/spheres/{sphere}", bob);
        var seen = await bob.GetOkAsync($"/api/v1/spheres/{sphere}");
        Assert.Equal("member", seen["myRole"]!.GetValue<string>());
        var members = await alice.GetOkAsync($"/api/v1/spheres/{sphere}/members");
        Assert.Equal(2, members["items"]!.AsArray().Count);
    }
}
