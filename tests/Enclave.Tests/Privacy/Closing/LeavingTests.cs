using System.Net;
using Enclave.Tests.Posts.Attachments;
using Enclave.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Tests.Privacy.Closing;

public sealed class LeavingTests
{
    [Theory, Engines]
    public async Task Leaving_an_organization_through_the_api_is_audited_and_its_last_manager_stays(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync();
        var bob = await app.SignUpAsync();
        var org = await alice.CreateOrganizationAsync();
        await alice.InviteAndAcceptAsync($"/api/v1/organizations/{org}", bob);
        var sphere = await alice.CreateSphereAsync(org);
        await alice.InviteAndAcceptAsync($"/api/v1/spheres/{sphere}", bob);

        await Api.ProblemAsync(alice.PostAsync($"/api/v1/organizations/{org}/leave"), HttpStatusCode.Conflict, "last_manager");
        Assert.Equal(HttpStatusCode.NoContent, (await bob.PostAsync($"/api/v1/organizations/{org}/leave")).StatusCode);
        // Gone from the organization and its spheres; leaving again finds nothing to leave.
        await Api.ProblemAsync(bob.GetAsync($"/api/v1/spheres/{sphere}"), HttpStatusCode.NotFound);
        await Api.ProblemAsync(bob.PostAsync($"/api/v1/organizations/{org}/leave"), HttpStatusCode.NotFound);
        var actions = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.OrganizationId == org && a.ActorId != null).Select(a => new { a.Action, a.ActorId }).ToListAsync());
        Assert.Single(actions, a => a.Action == "organization.left" && a.ActorId == bob.UserId);
        Assert.DoesNotContain(actions, a => a.Action == "organization.left" && a.ActorId == alice.UserId);
    }

    [Theory, Engines]
    public async Task Leaving_a_sphere_is_audited_and_its_last_administrator_stays(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync();
        var bob = await app.SignUpAsync();
        var org = await alice.CreateOrganizationAsync();
        await alice.InviteAndAcceptAsync($"/api/v1/organizations/{org}", bob);
        var sphere = await alice.CreateSphereAsync(org);
        await alice.InviteAndAcceptAsync($"/api/v1/spheres/{sphere}", bob);

        await Api.ProblemAsync(alice.PostAsync($"/api/v1/spheres/{sphere}/leave"), HttpStatusCode.Conflict, "last_administrator");
        Assert.Equal(HttpStatusCode.NoContent, (await bob.PostAsync($"/api/v1/spheres/{sphere}/leave")).StatusCode);
        var entries = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.SphereId == sphere && a.Action == "sphere.left").Select(a => a.ActorId).ToListAsync());
        Assert.Equal([bob.UserId], entries.Select(e => e!.Value));
    }
}
