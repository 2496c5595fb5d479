using System.Net;
using Enclave.Tests.Support;

namespace Enclave.Tests.Organizations;

public sealed class OrganizationUpdateDeleteTests
{
    [Theory, Engines]
    public async Task Only_managers_update_and_only_given_fields_change(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync();
        var bob = await app.SignUpAsync();
        var stranger = await app.SignUpAsync();
        var org = await alice.CreateOrganizationAsync("Before", new { description = "Kept" });
        await alice.InviteAndAcceptAsync($"/api/v1/organizations/{org}", bob);

        await Api.ProblemAsync(bob.PatchAsync($"/api/v1/organizations/{org}", new { name = "Hijacked" }), HttpStatusCode.Forbidden, "not_manager");
        await Api.ProblemAsync(stranger.PatchAsync($"/api/v1/organizations/{org}", new { name = "Hijacked" }), HttpStatusCode.NotFound, "not_found");
        var updated = await alice.PatchOkAsync($"/api/v1/organizations/{org}", new { name = " After ", externalPortal = true, hiddenInTree = true, membersCanCreateSpheres = false });
        Assert.Equal("After", updated["name"]!.GetValue<string>());
        var got = await bob.GetOkAsync($"/api/v1/organizations/{org}");
        Assert.Equal("After", got["name"]!.GetValue<string>());
        Assert.Equal("Kept", got["description"]!.GetValue<string>());
        Assert.True(got["externalPortal"]!.GetValue<bool>());
        Assert.True(got["hiddenInTree"]!.GetValue<bool>());
        Assert.False(got["membersCanCreateSpheres"]!.GetValue<bool>());

        var bad = await Api.ProblemAsync(alice.PatchAsync($"/api/v1/organizations/{org}", new { name = "", description = new string('d', 2001) }), HttpStatusCode.BadRequest, "validation_failed");
        Assert.NotNull(bad["errors"]!["name"]);
        Assert.NotNull(bad["errors"]!["description"]);
        Assert.Equal("After", (await alice.GetOkAsync($"/api/v1/organizations/{org}"))["name"]!.GetValue<string>());
    }

    [Theory, Engines]
    public async Task Only_a_platform_administrator_changes_the_plan(Engine engine)
    {
        using var app = new EnclaveApp(engine, new Dictionary<string, string?>
        {
            ["Bootstrap:Admin:UserName"] = "root-admin",
            ["Bootstrap:Admin:Email"] = "root@example.org",
            ["Bootstrap:Admin:Password"] = "an administrator passphrase",
        });
        var alice = await app.SignUpAsync();
        var org = await alice.CreateOrganizationAsync();
        var refused = await Api.ProblemAsync(alice.PatchAsync($"/api/v1/organizations/{org}", new { plan = "enterprise", name = "Renamed" }), HttpStatusCode.BadRequest, "validation_failed");
        Assert.NotNull(refused["errors"]!["plan"]);
        var unchanged = await alice.GetOkAsync($"/api/v1/organizations/{org}");
        Assert.Equal("standard", unchanged["plan"]!.GetValue<string>());
        Assert.NotEqual("Renamed", unchanged["name"]!.GetValue<string>());

        var admin = await Accounts.AccountClients.LoginAsync(app, "root-admin", "an administrator passphrase");
        Assert.True((await admin.GetOkAsync("/api/v1/me"))["isPlatformAdmin"]!.GetValue<bool>());
        var adminOrg = await admin.CreateOrganizationAsync();
        Assert.Equal("pro", (await admin.PatchOkAsync($"/api/v1/organizations/{adminOrg}", new { plan = "pro" }))["plan"]!.GetValue<string>());
        await Api.ProblemAsync(admin.PatchAsync($"/api/v1/organizations/{adminOrg}", new { plan = "platinum" }), HttpStatusCode.BadRequest, "malformed_json");
        Assert.Equal("pro", (await admin.GetOkAsync($"/api/v1/organizations/{adminOrg}"))["plan"]!.GetValue<string>());
    }

    [Theory, Engines]
    public async Task An_empty_organization_is_deleted_a_populated_one_needs_confirmation(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync();
        var bob = await app.SignUpAsync();
        var empty = await alice.CreateOrganizationAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await alice.DeleteAsync($"/api/v1/organizations/{empty}")).StatusCode);
        await Api.ProblemAsync(alice.GetAsync($"/api/v1/organizations/{empty}"), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(alice.DeleteAsync($"/api/v1/organizations/{empty}"), HttpStatusCode.NotFound, "not_found");

        var withSphere = await alice.CreateOrganizationAsync();
        var sphere = await alice.CreateSphereAsync(withSphere);
        await Api.ProblemAsync(alice.DeleteAsync($"/api/v1/organizations/{withSphere}"), HttpStatusCode.Conflict, "not_empty");
        await alice.GetOkAsync($"/api/v1/spheres/{sphere}");

        var withPeople = await alice.CreateOrganizationAsync();
        await alice.InviteAndAcceptAsync($"/api/v1/organizations/{withPeople}", bob);
        await Api.ProblemAsync(bob.DeleteAsync($"/api/v1/organizations/{withPeople}?confirm=true"), HttpStatusCode.Forbidden, "not_manager");
        await Api.ProblemAsync(alice.DeleteAsync($"/api/v1/organizations/{withPeople}"), HttpStatusCode.Conflict, "not_empty");
        await Api.ProblemAsync(alice.DeleteAsync($"/api/v1/organizations/{withPeople}?confirm=false"), HttpStatusCode.Conflict, "not_empty");
        await bob.GetOkAsync($"/api/v1/organizations/{withPeople}");

        Assert.Equal(HttpStatusCode.NoContent, (await alice.DeleteAsync($"/api/v1/organizations/{withPeople}?confirm=true")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await alice.DeleteAsync($"/api/v1/organizations/{withSphere}?confirm=true")).StatusCode);
        await Api.ProblemAsync(bob.GetAsync($"/api/v1/organizations/{withPeople}"), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(alice.GetAsync($"/api/v1/spheres/{sphere}"), HttpStatusCode.NotFound, "not_found");
        Assert.Empty((await bob.GetOkAsync("/api/v1/organizations"))["items"]!.AsArray());
        await Api.ProblemAsync(alice.DeleteAsync($"/api/v1/organizations/{withPeople}?confirm=maybe"), HttpStatusCode.BadRequest);
    }

    [Theory, Engines]
    public async Task An_organization_with_daughters_or_a_personal_one_cannot_be_deleted(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync();
        var mother = await alice.CreateOrganizationAsync();
        var daughter = await alice.CreateOrganizationAsync();
        await alice.PutOkAsync($"/api/v1/organizations/{daughter}/parent", new { parentId = mother });
        await Api.ProblemAsync(alice.DeleteAsync($"/api/v1/organizations/{mother}?confirm=true"), HttpStatusCode.Conflict, "has_daughters");
        await alice.GetOkAsync($"/api/v1/organizations/{mother}");
        // Deleting the daughter first frees the mother.
        Assert.Equal(HttpStatusCode.NoContent, (await alice.DeleteAsync($"/api/v1/organizations/{daughter}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await alice.DeleteAsync($"/api/v1/organizations/{mother}")).StatusCode);

        var personal = (await alice.GetOkAsync("/api/v1/me"))["personalOrganizationId"]!.GetValue<Guid>();
        await Api.ProblemAsync(alice.DeleteAsync($"/api/v1/organizations/{personal}?confirm=true"), HttpStatusCode.Conflict, "personal_organization");
    }
}
