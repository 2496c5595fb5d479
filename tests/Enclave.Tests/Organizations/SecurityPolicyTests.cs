using System.Net;
using Enclave.Server.Audit;
using Enclave.Tests.Accounts.TwoFactor;
using Enclave.Tests.Support;

namespace Enclave.Tests.Organizations;

[Collection(TwoFactorClient.Collection)]
public sealed class SecurityPolicyTests
{
    private static string Policy(Guid id) => $"/api/v1/organizations/{id}/security-policy";

    [Theory, Engines]
    public async Task Members_without_two_factor_are_held_at_the_door_until_they_enable_it(Engine engine)
    {
        var app = TwoFactorClient.Shared(engine);
        var manager = await app.EnrolAsync();
        var organization = await manager.Api.CreateOrganizationAsync();
        var sphere = await manager.Api.CreateSphereAsync(organization);
        var member = await app.SignUpAsync();
        await manager.Api.InviteAndAcceptAsync($"/api/v1/organizations/{organization}", member);
        await manager.Api.InviteAndAcceptAsync($"/api/v1/spheres/{sphere}", member);
        await member.GetOkAsync($"/api/v1/spheres/{sphere}");

        var policy = await manager.Api.PutOkAsync(Policy(organization), new { minPasswordLength = 12, requireTwoFactor = true });
        Assert.True(policy["requireTwoFactor"]!.GetValue<bool>());
        Assert.Equal(12, policy["minPasswordLength"]!.GetValue<int>());

        // Signed in, but the organization's content answers a clear problem, through the gate.
        await Api.ProblemAsync(member.GetAsync($"/api/v1/organizations/{organization}"), HttpStatusCode.Forbidden, "two_factor_required_by_organization");
        await Api.ProblemAsync(member.GetAsync($"/api/v1/spheres/{sphere}"), HttpStatusCode.Forbidden, "two_factor_required_by_organization");
        await Api.ProblemAsync(member.GetAsync($"/api/v1/spheres/{sphere}/posts"), HttpStatusCode.Forbidden, "two_factor_required_by_organization");
        await member.GetOkAsync("/api/v1/me");
        var status = await member.GetOkAsync("/api/v1/me/two-factor");
        Assert.Equal(organization, status["requiredBy"]![0]!["id"]!.GetValue<Guid>());
        // Outsiders still get 404: the policy reveals nothing to them.
        var outsider = await app.SignUpAsync();
        await Api.ProblemAsync(outsider.GetAsync($"/api/v1/spheres/{sphere}"), HttpStatusCode.NotFound, "not_found");

        await app.EnrolAsync(member);
        await member.GetOkAsync($"/api/v1/organizations/{organization}");
        await member.GetOkAsync($"/api/v1/spheres/{sphere}");
    }

    [Theory, Engines]
    public async Task Only_managers_with_two_factor_may_require_it_and_changes_are_audited(Engine engine)
    {
        var app = TwoFactorClient.Shared(engine);
        var manager = await app.SignUpAsync();
        var organization = await manager.CreateOrganizationAsync();
        var member = await app.SignUpAsync();
        await manager.InviteAndAcceptAsync($"/api/v1/organizations/{organization}", member);

        await Api.ProblemAsync(manager.PutAsync(Policy(organization), new { requireTwoFactor = true }), HttpStatusCode.Conflict, "two_factor_not_enabled");
        await Api.ProblemAsync(member.PutAsync(Policy(organization), new { requireTwoFactor = false }), HttpStatusCode.Forbidden, "not_manager");
        var outsider = await app.SignUpAsync();
        await Api.ProblemAsync(outsider.GetAsync(Policy(organization)), HttpStatusCode.NotFound, "not_found");
        var read = await member.GetOkAsync(Policy(organization));
        Assert.False(read["requireTwoFactor"]!.GetValue<bool>());

        foreach (var length in new[] { 7, 129, -1 })
        {
            var problem = await Api.ProblemAsync(manager.PutAsync(Policy(organization), new { minPasswordLength = length, requireTwoFactor = false }), HttpStatusCode.BadRequest, "validation_failed");
            Assert.NotNull(problem["errors"]!["minPasswordLength"]);
        }
        var missing = await Api.ProblemAsync(manager.PutAsync(Policy(organization), new { minPasswordLength = 20 }), HttpStatusCode.BadRequest, "validation_failed");
        Assert.NotNull(missing["errors"]!["requireTwoFactor"]);
        await Api.ProblemAsync(manager.PutAsync($"/api/v1/organizations/{Guid.NewGuid()}/security-policy", new { requireTwoFactor = false }), HttpStatusCode.NotFound, "not_found");

        await manager.PutOkAsync(Policy(organization), new { minPasswordLength = 20, requireTwoFactor = false });
        using var scope = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.CreateScope(app.Services);
        var db = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Enclave.Server.Data.EnclaveDb>(scope.ServiceProvider);
        var entry = db.AuditEntries.Single(e => e.OrganizationId == organization && e.Action == AuditActions.OrganizationPolicyChanged);
        Assert.Equal(manager.UserId, entry.ActorId);
        Assert.Equal("minPasswordLength=20;requireTwoFactor=false", entry.Detail);
    }

    [Theory, Engines]
    public async Task A_new_password_meets_the_strictest_minimum_of_the_persons_organizations(Engine engine)
    {
        var app = TwoFactorClient.Shared(engine);
        var manager = await app.SignUpAsync();
        var strict = await manager.CreateOrganizationAsync();
        var lax = await manager.CreateOrganizationAsync();
        var member = await app.SignUpAsync();
        await manager.InviteAndAcceptAsync($"/api/v1/organizations/{strict}", member);
        await manager.InviteAndAcceptAsync($"/api/v1/organizations/{lax}", member);
        await manager.PutOkAsync(Policy(strict), new { minPasswordLength = 24, requireTwoFactor = false });
        await manager.PutOkAsync(Policy(lax), new { minPasswordLength = 8, requireTwoFactor = false });

        var problem = await Api.ProblemAsync(member.PutAsync("/api/v1/me/password", new { currentPassword = World.Password, newPassword = "twenty characters ok" }), HttpStatusCode.BadRequest, "validation_failed");
        Assert.Contains("24", problem["errors"]!["newPassword"]![0]!.GetValue<string>());
        await member.OkAsync(member.PutAsync("/api/v1/me/password", new { currentPassword = World.Password, newPassword = "a passphrase of twenty-four characters" }));
    }
}
