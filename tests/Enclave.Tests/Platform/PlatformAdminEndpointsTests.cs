using System.Net;
using Enclave.Server.Data;
using Enclave.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Enclave.Tests.Platform;

public sealed class PlatformAdminEndpointsTests
{
    private static async Task<Api> AdminAsync(EnclaveApp app)
    {
        var admin = await app.SignUpAsync();
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EnclaveDb>();
        await db.Users.Where(u => u.Id == admin.UserId).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsPlatformAdmin, true));
        return admin;
    }

    [Theory, Engines]
    public async Task Administration_is_invisible_to_everyone_else(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var someone = await app.SignUpAsync();
        await Api.ProblemAsync(someone.GetAsync("/api/v1/admin/users"), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(someone.GetAsync("/api/v1/admin/organizations"), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(app.Anonymous().GetAsync("/api/v1/admin/users"), HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Theory, Engines]
    public async Task An_administrator_finds_people_and_sets_plans_but_reads_no_sphere(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var admin = await AdminAsync(app);
        var alice = await app.SignUpAsync(firstName: "Zoé", lastName: "Quintessence");
        var org = await alice.CreateOrganizationAsync("Quintessence SA");
        var sphere = await alice.CreateSphereAsync(org);

        var found = await admin.GetOkAsync($"/api/v1/admin/users?q={alice.User!.UserName}");
        Assert.Contains(found["items"]!.AsArray(), u => u!["id"]!.GetValue<Guid>() == alice.UserId);

        var plan = await admin.PutOkAsync($"/api/v1/admin/organizations/{org}/plan", new { plan = "business" });
        Assert.Equal("business", plan["plan"]!.GetValue<string>());
        Assert.Equal(1, plan["spheres"]!.GetValue<int>());
        await Api.ProblemAsync(admin.PutAsync($"/api/v1/admin/organizations/{org}/plan", new { plan = "galactic" }), HttpStatusCode.BadRequest, "malformed_json");

        // The platform role grants no reading rights inside spheres.
        await Api.ProblemAsync(admin.GetAsync($"/api/v1/spheres/{sphere}"), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task The_last_platform_administrator_stays()
    {
        using var app = new EnclaveApp(Engine.Sqlite);
        var admin = await AdminAsync(app);
        await Api.ProblemAsync(admin.PutAsync($"/api/v1/admin/users/{admin.UserId}/platform-admin", new { isPlatformAdmin = false }), HttpStatusCode.Conflict, "last_platform_admin");
        var other = await app.SignUpAsync();
        await admin.PutOkAsync($"/api/v1/admin/users/{other.UserId}/platform-admin", new { isPlatformAdmin = true });
        await admin.PutOkAsync($"/api/v1/admin/users/{admin.UserId}/platform-admin", new { isPlatformAdmin = false });
        await Api.ProblemAsync(admin.GetAsync("/api/v1/admin/users"), HttpStatusCode.NotFound, "not_found");
    }
}
