using System.Net;
using Enclave.Server.Audit;
using Enclave.Server.Data;
using Enclave.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Enclave.Tests.Verification;

public sealed class IdentityVerificationTests
{
    private static async Task<(Api Manager, Api Member, Guid Org)> OrganizationAsync(EnclaveApp app)
    {
        var manager = await app.SignUpAsync();
        var member = await app.SignUpAsync();
        var org = await manager.CreateOrganizationAsync();
        await manager.InviteAndAcceptAsync($"/api/v1/organizations/{org}", member);
        return (manager, member, org);
    }

    [Theory, Engines]
    public async Task A_manager_verifies_a_member_and_readers_see_where_their_posts_come_from(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (manager, member, org) = await OrganizationAsync(app);
        var sphere = await manager.CreateSphereAsync(org);
        await manager.InviteAndAcceptAsync($"/api/v1/spheres/{sphere}", member);

        var before = await manager.GetOkAsync($"/api/v1/users/{member.UserId}/verification");
        Assert.False(before["verified"]!.GetValue<bool>());

        var verified = await manager.PutOkAsync($"/api/v1/organizations/{org}/members/{member.UserId}/verification");
        Assert.True(verified["verified"]!.GetValue<bool>());
        Assert.Equal(org, verified["verifiedByOrganizationId"]!.GetValue<Guid>());
        Assert.Equal(manager.UserId, verified["verifiedBy"]!["id"]!.GetValue<Guid>());
        // Asking again keeps the first verification (idempotent).
        var again = await manager.PutOkAsync($"/api/v1/organizations/{org}/members/{member.UserId}/verification");
        // (PostgreSQL keeps microseconds, the first answer carried the clock's 100 ns ticks.)
        Assert.Equal(verified["verifiedAt"]!.GetValue<DateTime>(), again["verifiedAt"]!.GetValue<DateTime>(), TimeSpan.FromMilliseconds(1));

        // The member sees their own verification, but not which individual checked it.
        var own = await member.GetOkAsync($"/api/v1/users/{member.UserId}/verification");
        Assert.True(own["verified"]!.GetValue<bool>());
        Assert.Null(own["verifiedBy"]);

        var post = await member.PostOkAsync($"/api/v1/spheres/{sphere}/posts", new { body = "Provenance check" });
        var seen = await manager.GetOkAsync($"/api/v1/posts/{post["id"]}");
        Assert.True(seen["author"]!["verified"]!.GetValue<bool>());
        Assert.Equal("member", seen["provenance"]!["role"]!.GetValue<string>());
        Assert.True(seen["provenance"]!["verified"]!.GetValue<bool>());
        Assert.Equal(seen["organizationName"]!.GetValue<string>(), seen["provenance"]!["verifiedByOrganizationName"]!.GetValue<string>());

        var comment = await manager.PostOkAsync($"/api/v1/posts/{post["id"]}/comments", new { body = "From the manager" });
        Assert.Equal("manager", comment["provenance"]!["role"]!.GetValue<string>());
        Assert.False(comment["provenance"]!["verified"]!.GetValue<bool>());
        Assert.False(comment["author"]!["verified"]!.GetValue<bool>());

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EnclaveDb>();
        var entry = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == AuditActions.IdentityVerified && e.SubjectUserId == member.UserId);
        Assert.Equal(manager.UserId, entry.ActorId);
        Assert.Equal(org, entry.OrganizationId);
    }

    [Theory, Engines]
    public async Task Only_managers_verify_people_of_their_organization(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (manager, member, org) = await OrganizationAsync(app);
        var outsider = await app.SignUpAsync();
        var path = $"/api/v1/organizations/{org}/members/{manager.UserId}/verification";
        await Api.ProblemAsync(member.PutAsync(path), HttpStatusCode.Forbidden, "not_manager");
        await Api.ProblemAsync(outsider.PutAsync(path), HttpStatusCode.NotFound, "not_found");
        // Someone outside the organization cannot be verified through it.
        await Api.ProblemAsync(manager.PutAsync($"/api/v1/organizations/{org}/members/{outsider.UserId}/verification"), HttpStatusCode.NotFound, "not_found");
        // Not even their existence leaks to a stranger.
        await Api.ProblemAsync(outsider.GetAsync($"/api/v1/users/{member.UserId}/verification"), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(member.PutAsync($"/api/v1/admin/users/{member.UserId}/verification"), HttpStatusCode.NotFound, "not_found");
        var check = await manager.GetOkAsync($"/api/v1/users/{manager.UserId}/verification");
        Assert.False(check["verified"]!.GetValue<bool>());
    }

    [Theory, Engines]
    public async Task A_verification_is_withdrawn_by_its_organization_or_a_platform_administrator_only(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (manager, member, org) = await OrganizationAsync(app);
        var otherManager = await app.SignUpAsync();
        var otherOrg = await otherManager.CreateOrganizationAsync();
        await otherManager.InviteAndAcceptAsync($"/api/v1/organizations/{otherOrg}", member);
        await manager.PutOkAsync($"/api/v1/organizations/{org}/members/{member.UserId}/verification");

        await Api.ProblemAsync(otherManager.DeleteAsync($"/api/v1/organizations/{otherOrg}/members/{member.UserId}/verification"), HttpStatusCode.Conflict, "verified_elsewhere");
        var members = await otherManager.GetOkAsync($"/api/v1/organizations/{otherOrg}/members");
        var row = members["items"]!.AsArray().Single(m => m!["user"]!["id"]!.GetValue<Guid>() == member.UserId)!;
        Assert.True(row["user"]!["verified"]!.GetValue<bool>());
        Assert.False(row["verifiedHere"]!.GetValue<bool>());

        var admin = await app.SignUpAsync();
        using (var scope = app.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<EnclaveDb>().Users.Where(u => u.Id == admin.UserId)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.IsPlatformAdmin, true));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/admin/users/{member.UserId}/verification")).StatusCode);
        Assert.False((await member.GetOkAsync($"/api/v1/users/{member.UserId}/verification"))["verified"]!.GetValue<bool>());

        var byPlatform = await admin.PutOkAsync($"/api/v1/admin/users/{member.UserId}/verification");
        Assert.True(byPlatform["verifiedByPlatform"]!.GetValue<bool>());
        await Api.ProblemAsync(manager.DeleteAsync($"/api/v1/organizations/{org}/members/{member.UserId}/verification"), HttpStatusCode.Conflict, "verified_elsewhere");
    }
}
