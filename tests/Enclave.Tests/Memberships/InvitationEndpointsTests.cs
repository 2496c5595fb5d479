using System.Net;
using Enclave.Server.Memberships;
using Enclave.Tests.Support;
using static Enclave.Tests.Spheres.SphereTestWorld;

namespace Enclave.Tests.Memberships;

/// <summary>Invitations into organizations and spheres: creation, acceptance by id or token, single use, expiry.</summary>
public sealed class InvitationEndpointsTests
{
    [Theory, Engines]
    public async Task An_invitation_by_user_name_is_listed_for_the_invitee_and_accepted_by_id_once(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (manager, org, _) = await app.OrganizationWithMembersAsync(0);
        var bob = await app.SignUpAsync();
        var created = await manager.PostOkAsync(O(org, "/invitations"), new { userName = bob.User!.UserName, message = "Welcome" });
        var token = Str(created, "token");
        Assert.StartsWith("inv_", token);
        Assert.EndsWith(token, Str(created, "link"));
        var invitation = created["invitation"]!;
        Assert.Equal("pending", Str(invitation, "status"));
        Assert.Equal("member", Str(invitation, "role"));
        Assert.Equal(bob.UserId, invitation["inviteeUserId"]!.GetValue<Guid>());
        var id = invitation["id"]!.GetValue<Guid>();
        var preview = await app.Anonymous().GetOkAsync($"{V1}/invitations/preview?token={token}");
        Assert.Equal(id, preview["id"]!.GetValue<Guid>());
        await Api.ProblemAsync(app.Anonymous().GetAsync($"{V1}/invitations/preview?token=inv_nosuchtokenanywhere"), HttpStatusCode.NotFound);
        await Api.ProblemAsync(app.Anonymous().GetAsync($"{V1}/invitations/preview"), HttpStatusCode.BadRequest, "validation_failed");
        var mine = await bob.GetOkAsync($"{V1}/me/invitations");
        Assert.Equal([id], Ids(mine));
        Assert.Null(mine["items"]![0]!["token"]);
        Assert.Equal("Welcome", Str(mine["items"]![0]!, "message"));
        var accepted = await bob.PostOkAsync($"{V1}/invitations/{id}/accept");
        Assert.Equal(org, accepted["organizationId"]!.GetValue<Guid>());
        Assert.Equal("member", Str(await bob.GetOkAsync(O(org)), "myRole"));
        await Api.ProblemAsync(bob.PostAsync($"{V1}/invitations/{id}/accept"), HttpStatusCode.Conflict, "invitation_used");
        await Api.ProblemAsync(bob.PostAsync($"{V1}/invitations/accept", new { token }), HttpStatusCode.Conflict, "invitation_used");
        Assert.Empty((await bob.GetOkAsync($"{V1}/me/invitations"))["items"]!.AsArray());
        Assert.Equal([id], Ids(await manager.GetOkAsync(O(org, "/invitations?status=accepted"))));
        Assert.Empty((await manager.GetOkAsync(O(org, "/invitations?status=pending")))["items"]!.AsArray());
    }

    [Theory, Engines]
    public async Task An_invitation_by_email_reaches_the_account_that_signs_up_with_it(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (manager, org, _) = await app.OrganizationWithMembersAsync(0);
        var existing = await app.SignUpAsync();
        var toExisting = await manager.PostOkAsync(O(org, "/invitations"), new { email = existing.User!.Email.ToUpperInvariant() });
        Assert.Equal(existing.UserId, toExisting["invitation"]!["inviteeUserId"]!.GetValue<Guid>());
        var name = World.UniqueName();
        var toNewcomer = await manager.PostOkAsync(O(org, "/invitations"), new { email = $"{name}@example.org", role = "visitor" });
        Assert.Null(toNewcomer["invitation"]!["inviteeUserId"]);
        await Api.ProblemAsync(manager.PostAsync(O(org, "/invitations"), new { email = $"{name}@example.org" }), HttpStatusCode.Conflict, "already_invited");
        var newcomer = await app.SignUpAsync(name);
        var id = toNewcomer["invitation"]!["id"]!.GetValue<Guid>();
        Assert.Equal([id], Ids(await newcomer.GetOkAsync($"{V1}/me/invitations")));
        await newcomer.PostOkAsync($"{V1}/invitations/{id}/accept");
        Assert.Equal("visitor", Str(await newcomer.GetOkAsync(O(org)), "myRole"));
    }

    [Theory, Engines]
    public async Task Concurrent_accepts_of_one_invitation_give_exactly_one_success(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (manager, org, members) = await app.OrganizationWithMembersAsync();
        var sphere = await manager.CreateSphereAsync(org);
        for (var round = 0; round < 3; round++)
        {
            var bob = round == 0 ? members[0] : await app.SignUpAsync();
            var target = round == 0 ? S(sphere) : O(org);
            var token = Str(await manager.PostOkAsync($"{target}/invitations", new { userName = bob.User!.UserName }), "token");
            var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => bob.PostAsync($"{V1}/invitations/accept", new { token })));
            Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
            Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
            foreach (var r in responses) r.Dispose();
        }
        Assert.Equal(2, (await manager.GetOkAsync(S(sphere, "/members")))["items"]!.AsArray().Count);
    }

    [Theory, Engines]
    public async Task An_invitation_expires_after_fourteen_days(Engine engine)
    {
        using var app = new EnclaveApp(engine);
        var (manager, org, members) = await app.OrganizationWithMembersAsync();
        var sphere = await manager.CreateSphereAsync(org);
        var bob = await app.SignUpAsync();
        var created = await manager.PostOkAsync(O(org, "/invitations"), new { userName = bob.User!.UserName });
        var toSphere = await manager.PostOkAsync(S(sphere, "/invitations"), new { userName = members[0].User!.UserName });
        app.Clock.Advance(TimeSpan.FromDays(13));
        Assert.Single((await bob.GetOkAsync($"{V1}/me/invitations"))["items"]!.AsArray());
        app.Clock.Advance(TimeSpan.FromDays(2));
        Assert.Empty((await bob.GetOkAsync($"{V1}/me/invitations"))["items"]!.AsArray());
        await Api.ProblemAsync(bob.PostAsync($"{V1}/invitations/accept", new { token = Str(created, "token") }), HttpStatusCode.Gone, "invitation_expired");
        await Api.ProblemAsync(bob.PostAsync($"{V1}/invitations/{created["invitation"]!["id"]}/accept"), HttpStatusCode.Gone, "invitation_expired");
        await Api.ProblemAsync(members[0].PostAsync($"{V1}/invitations/accept", new { token = Str(toSphere, "token") }), HttpStatusCode.Gone, "invitation_expired");
        await Api.ProblemAsync(bob.GetAsync(O(org)), HttpStatusCode.NotFound);
        Assert.Null((await members[0].GetOkAsync(O(org, "/spheres"))).AsObject()["items"]!.AsArray().FirstOrDefault(s => s!["id"]!.GetValue<Guid>() == sphere));
        // An expired invitation does not block a fresh one.
        await manager.InviteAndAcceptAsync(O(org), bob);
        Assert.Equal("member", Str(await bob.GetOkAsync(O(org)), "myRole"));
    }

    [Theory, Engines]
    public async Task Declined_and_revoked_invitations_cannot_be_used(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (manager, org, members) = await app.OrganizationWithMembersAsync();
        var bob = await app.SignUpAsync();
        var first = await manager.PostOkAsync(O(org, "/invitations"), new { userName = bob.User!.UserName });
        var firstId = first["invitation"]!["id"]!.GetValue<Guid>();
        await bob.PostOkAsync($"{V1}/invitations/{firstId}/decline");
        await Api.ProblemAsync(bob.PostAsync($"{V1}/invitations/{firstId}/decline"), HttpStatusCode.Conflict, "invitation_used");
        await Api.ProblemAsync(bob.PostAsync($"{V1}/invitations/accept", new { token = Str(first, "token") }), HttpStatusCode.Conflict, "invitation_used");
        var second = await manager.PostOkAsync(O(org, "/invitations"), new { userName = bob.User.UserName });
        var secondId = second["invitation"]!["id"]!.GetValue<Guid>();
        await Api.ProblemAsync(members[0].DeleteAsync(O(org, $"/invitations/{secondId}")), HttpStatusCode.Forbidden, "not_manager");
        await manager.DeleteOkAsync(O(org, $"/invitations/{secondId}"));
        await Api.ProblemAsync(manager.DeleteAsync(O(org, $"/invitations/{secondId}")), HttpStatusCode.Conflict, "invitation_used");
        await Api.ProblemAsync(bob.PostAsync($"{V1}/invitations/{secondId}/accept"), HttpStatusCode.Conflict, "invitation_used");
        await Api.ProblemAsync(bob.GetAsync(O(org)), HttpStatusCode.NotFound);
        Assert.Equal([secondId], Ids(await manager.GetOkAsync(O(org, "/invitations?status=revoked"))));
        Assert.Equal([firstId], Ids(await manager.GetOkAsync(O(org, "/invitations?status=declined"))));
    }

    [Theory, Engines]
    public async Task An_invitation_for_another_account_cannot_be_used_by_someone_else(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (manager, org, _) = await app.OrganizationWithMembersAsync(0);
        var bob = await app.SignUpAsync();
        var mallory = await app.SignUpAsync();
        var created = await manager.PostOkAsync(O(org, "/invitations"), new { userName = bob.User!.UserName });
        var id = created["invitation"]!["id"]!.GetValue<Guid>();
        await Api.ProblemAsync(mallory.PostAsync($"{V1}/invitations/{id}/accept"), HttpStatusCode.NotFound);
        await Api.ProblemAsync(mallory.PostAsync($"{V1}/invitations/{id}/decline"), HttpStatusCode.NotFound);
        await Api.ProblemAsync(mallory.PostAsync($"{V1}/invitations/accept", new { token = Str(created, "token") }), HttpStatusCode.Forbidden, "invitation_for_someone_else");
        Assert.Empty((await mallory.GetOkAsync($"{V1}/me/invitations"))["items"]!.AsArray());
        await Api.ProblemAsync(mallory.GetAsync(O(org)), HttpStatusCode.NotFound);
        await Api.ProblemAsync(mallory.GetAsync(O(org, "/invitations")), HttpStatusCode.NotFound);
        await Api.ProblemAsync(app.Anonymous().PostAsync($"{V1}/invitations/accept", new { token = Str(created, "token") }), HttpStatusCode.Unauthorized);
        await bob.PostOkAsync($"{V1}/invitations/{id}/accept");
    }

    [Theory, Engines]
    public async Task Duplicates_existing_members_and_outsiders_are_refused(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (manager, org, members) = await app.OrganizationWithMembersAsync(2);
        var sphere = await manager.CreateSphereAsync(org);
        await manager.PostOkAsync(S(sphere, "/invitations"), new { userName = members[0].User!.UserName });
        await Api.ProblemAsync(manager.PostAsync(S(sphere, "/invitations"), new { email = members[0].User!.Email }), HttpStatusCode.Conflict, "already_invited");
        await Api.ProblemAsync(manager.PostAsync(O(org, "/invitations"), new { userName = members[1].User!.UserName }), HttpStatusCode.Conflict, "already_member");
        await Api.ProblemAsync(manager.PostAsync(S(sphere, "/invitations"), new { userName = manager.User!.UserName }), HttpStatusCode.Conflict, "already_member");
        var outsider = await app.SignUpAsync();
        var problem = await Api.ProblemAsync(manager.PostAsync(S(sphere, "/invitations"), new { userName = outsider.User!.UserName }), HttpStatusCode.UnprocessableEntity, "invitee_not_in_organization");
        Assert.NotNull(problem["errors"]);
        await Api.ProblemAsync(manager.PostAsync(S(sphere, "/invitations"), new { email = "stranger@example.org" }), HttpStatusCode.UnprocessableEntity, "invitee_not_in_organization");
        Assert.Single((await manager.GetOkAsync(S(sphere, "/invitations")))["items"]!.AsArray());
    }

    [Theory, Engines]
    public async Task Concurrent_invitations_of_one_person_leave_one_pending_invitation(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (manager, org, members) = await app.OrganizationWithMembersAsync();
        var sphere = await manager.CreateSphereAsync(org);
        var bob = await app.SignUpAsync();
        foreach (var (path, invitee) in new[] { (O(org, "/invitations"), bob), (S(sphere, "/invitations"), members[0]) })
        {
            var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => manager.PostAsync(path, new { userName = invitee.User!.UserName })));
            Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
            foreach (var r in responses.Where(r => !r.IsSuccessStatusCode))
                await Api.ProblemAsync(Task.FromResult(r), HttpStatusCode.Conflict, "already_invited");
            Assert.Single((await manager.GetOkAsync($"{path}?status=pending"))["items"]!.AsArray());
        }
    }
}
