using System.Net;
using Enclave.Server.Memberships;
using Enclave.Server.Spheres;
using Enclave.Tests.Support;
using static Enclave.Tests.Spheres.SphereTestWorld;

namespace Enclave.Tests.Memberships;

/// <summary>Invitations proposed by non-administrators, and invitation input that must be refused without writing.</summary>
public sealed class InvitationEndpointsApprovalTests
{
    [Theory, Engines]
    public async Task Members_propose_invitations_only_when_allowed_and_an_administrator_approves_them(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (manager, org, members) = await app.OrganizationWithMembersAsync(3);
        var sphere = await manager.CreateSphereAsync(org);
        await manager.InviteAndAcceptAsync(S(sphere), members[0]);
        var body = new { userName = members[1].User!.UserName };
        await Api.ProblemAsync(members[0].PostAsync(S(sphere, "/invitations"), body), HttpStatusCode.Forbidden, "not_administrator");
        Assert.False((await members[0].GetOkAsync(S(sphere)))["permissions"]!["canInvite"]!.GetValue<bool>());
        await manager.PatchOkAsync(S(sphere), new { membersCanInvite = true });
        Assert.True((await members[0].GetOkAsync(S(sphere)))["permissions"]!["canInvite"]!.GetValue<bool>());
        await Api.ProblemAsync(members[0].PostAsync(S(sphere, "/invitations"), new { userName = members[1].User!.UserName, role = "administrator" }),
            HttpStatusCode.UnprocessableEntity, "role_not_allowed");
        var proposed = await members[0].PostOkAsync(S(sphere, "/invitations"), body);
        var id = proposed["invitation"]!["id"]!.GetValue<Guid>();
        Assert.Equal("awaiting_approval", Str(proposed["invitation"]!, "status"));
        Assert.Empty((await members[1].GetOkAsync($"{V1}/me/invitations"))["items"]!.AsArray());
        await Api.ProblemAsync(members[1].PostAsync($"{V1}/invitations/{id}/accept"), HttpStatusCode.Conflict, "invitation_awaiting_approval");
        await Api.ProblemAsync(members[0].GetAsync(S(sphere, "/invitations")), HttpStatusCode.Forbidden, "not_administrator");
        Assert.Equal([id], Ids(await manager.GetOkAsync(S(sphere, "/invitations?status=awaiting_approval"))));
        Assert.Equal("pending", Str(await manager.PostOkAsync(S(sphere, $"/invitations/{id}/approve")), "status"));
        await Api.ProblemAsync(manager.PostAsync(S(sphere, $"/invitations/{id}/approve")), HttpStatusCode.Conflict, "not_awaiting_approval");
        await Api.ProblemAsync(manager.PostAsync(S(sphere, $"/invitations/{Guid.NewGuid()}/approve")), HttpStatusCode.NotFound);
        Assert.Equal([id], Ids(await members[1].GetOkAsync($"{V1}/me/invitations")));
        await members[1].PostOkAsync($"{V1}/invitations/{id}/accept");
        Assert.Equal("member", Str(await members[1].GetOkAsync(S(sphere)), "myRole"));

        // The proposer may withdraw their own proposal; another member may not.
        var another = await members[0].PostOkAsync(S(sphere, "/invitations"), new { userName = members[2].User!.UserName });
        var anotherId = another["invitation"]!["id"]!.GetValue<Guid>();
        await Api.ProblemAsync(members[1].DeleteAsync(S(sphere, $"/invitations/{anotherId}")), HttpStatusCode.Forbidden, "not_administrator");
        await members[0].DeleteOkAsync(S(sphere, $"/invitations/{anotherId}"));
        await Api.ProblemAsync(manager.PostAsync(S(sphere, $"/invitations/{anotherId}/approve")), HttpStatusCode.Conflict, "not_awaiting_approval");
    }

    [Theory, Engines]
    public async Task Administrators_invite_staff_and_the_role_is_granted_on_acceptance(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (manager, org, members) = await app.OrganizationWithMembersAsync(2);
        var sphere = await manager.CreateSphereAsync(org);
        await manager.InviteAndAcceptAsync(S(sphere), members[0], "publisher");
        await manager.InviteAndAcceptAsync(S(sphere), members[1], "administrator");
        Assert.Equal("publisher", Str(await members[0].GetOkAsync(S(sphere)), "myRole"));
        Assert.Equal("administrator", Str(await members[1].GetOkAsync(S(sphere)), "myRole"));
        await Api.ProblemAsync(manager.PostAsync(O(org, "/invitations"), new { userName = (await app.SignUpAsync()).User!.UserName, role = "manager" }),
            HttpStatusCode.UnprocessableEntity, "role_not_allowed");
    }

    [Theory, Engines]
    public async Task Bad_invitation_input_is_rejected_and_writes_nothing(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (manager, org, members) = await app.OrganizationWithMembersAsync();
        var sphere = await manager.CreateSphereAsync(org);
        var bob = await app.SignUpAsync();
        foreach (var target in new[] { O(org), S(sphere) })
        {
            var path = $"{target}/invitations";
            var invitee = target == S(sphere) ? members[0] : bob;
            var both = await Api.ProblemAsync(manager.PostAsync(path, new { userName = invitee.User!.UserName, email = invitee.User.Email }), HttpStatusCode.BadRequest, "validation_failed");
            Assert.NotNull(both["errors"]!["userName"]);
            await Api.ProblemAsync(manager.PostAsync(path, new { }), HttpStatusCode.BadRequest, "validation_failed");
            await Api.ProblemAsync(manager.PostAsync(path, new { email = "not-an-email" }), HttpStatusCode.BadRequest, "validation_failed");
            await Api.ProblemAsync(manager.PostAsync(path, new { userName = invitee.User.UserName, message = new string('m', 1001) }), HttpStatusCode.BadRequest, "validation_failed");
            foreach (var role in new[] { "superhero", "7", "member,visitor", "Member" })
            {
                var problem = await Api.ProblemAsync(manager.PostAsync(path, new { userName = invitee.User.UserName, role }), HttpStatusCode.BadRequest, "validation_failed");
                Assert.NotNull(problem["errors"]!["role"]);
            }
            await Api.ProblemAsync(manager.PostAsync(path, new { userName = "nobody-" + Guid.NewGuid().ToString("N")[..8] }), HttpStatusCode.NotFound, "user_not_found");
            await Api.ProblemAsync(manager.SendRawAsync(HttpMethod.Post, path, "{\"userName\":"), HttpStatusCode.BadRequest, "malformed_json");
            await Api.ProblemAsync(manager.SendRawAsync(HttpMethod.Post, path, "{\"userName\":{\"a\":1}}"), HttpStatusCode.BadRequest, "malformed_json");
            await Api.ProblemAsync(manager.GetAsync($"{path}?status=bogus"), HttpStatusCode.BadRequest, "validation_failed");
            await Api.ProblemAsync(manager.GetAsync($"{path}?status=1"), HttpStatusCode.BadRequest, "validation_failed");
            await Api.ProblemAsync(manager.DeleteAsync($"{path}/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        }
        await Api.ProblemAsync(manager.PostAsync($"{V1}/organizations/{Guid.NewGuid()}/invitations", new { userName = bob.User!.UserName }), HttpStatusCode.NotFound);
        await Api.ProblemAsync(manager.PostAsync($"{V1}/spheres/{Guid.NewGuid()}/invitations", new { userName = bob.User.UserName }), HttpStatusCode.NotFound);
        await Api.ProblemAsync(bob.PostAsync($"{V1}/invitations/{Guid.NewGuid()}/accept"), HttpStatusCode.NotFound);
        await Api.ProblemAsync(bob.PostAsync($"{V1}/invitations/{Guid.NewGuid()}/decline"), HttpStatusCode.NotFound);
        await Api.ProblemAsync(bob.PostAsync($"{V1}/invitations/accept", new { token = "inv_doesnotexistatall" }), HttpStatusCode.NotFound);
        await Api.ProblemAsync(bob.PostAsync($"{V1}/invitations/accept", new { }), HttpStatusCode.BadRequest, "validation_failed");
        await Api.ProblemAsync(bob.SendRawAsync(HttpMethod.Post, $"{V1}/invitations/accept", "{\"token\":1}"), HttpStatusCode.BadRequest, "malformed_json");
        Assert.Equal(0, await app.CountAsync<Invitation>(i => i.OrganizationId == org && i.Status != InvitationStatus.Accepted));
        Assert.Empty((await bob.GetOkAsync($"{V1}/me/invitations"))["items"]!.AsArray());
        Assert.Equal(1, await app.CountAsync<SphereMember>(m => m.SphereId == sphere));
    }
}
