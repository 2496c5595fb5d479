using System.Net;
using Enclave.Server.Spheres;
using Enclave.Tests.Support;
using static Enclave.Tests.Spheres.SphereTestWorld;

namespace Enclave.Tests.Spheres;

/// <summary>The per-type rules of Access/SphereAccess.cs: global, restricted, visitor and forum spheres.</summary>
public sealed class SphereTypeTests
{
    [Theory, Engines]
    public async Task Only_managers_make_a_sphere_global(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (manager, org, members) = await app.OrganizationWithMembersAsync();
        var problem = await Api.ProblemAsync(members[0].PostAsync($"{V1}/spheres", new { organizationId = org, name = "Everyone", type = "global" }),
            HttpStatusCode.UnprocessableEntity, "type_not_allowed");
        Assert.NotNull(problem["errors"]!["type"]);
        var mine = await members[0].CreateSphereAsync(org);
        await Api.ProblemAsync(members[0].PatchAsync(S(mine), new { type = "global" }), HttpStatusCode.UnprocessableEntity, "type_not_allowed");
        Assert.Equal("classic", Str(await members[0].GetOkAsync(S(mine)), "type"));
        Assert.Equal(0, await app.CountAsync<Sphere>(s => s.OrganizationId == org && s.Type == SphereType.Global));
        var global = await manager.CreateSphereAsync(org, "global");
        Assert.Equal("global", Str(await manager.GetOkAsync(S(global)), "type"));
    }

    [Theory, Engines]
    public async Task Everyone_inside_the_organization_is_an_implicit_member_of_a_global_sphere_without_rows(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (manager, org, members) = await app.OrganizationWithMembersAsync(2);
        var global = await manager.CreateSphereAsync(org, "global");
        var late = await app.SignUpAsync();
        await manager.InviteAndAcceptAsync(O(org), late);
        var visitor = await app.SignUpAsync();
        await manager.InviteAndAcceptAsync(O(org), visitor, "visitor");
        foreach (var person in members.Append(late))
        {
            var seen = await person.GetOkAsync(S(global));
            Assert.Equal("member", Str(seen, "myRole"));
            Assert.True(seen["permissions"]!["canPost"]!.GetValue<bool>());
            Assert.False(seen["permissions"]!["canLeave"]!.GetValue<bool>());
            Assert.Contains(global, Ids(await person.GetOkAsync($"{V1}/spheres?limit=100")));
            await Api.ProblemAsync(person.PostAsync(S(global, "/leave")), HttpStatusCode.Conflict, "global_sphere");
            await Api.ProblemAsync(person.DeleteAsync(S(global, $"/members/{person.UserId}")), HttpStatusCode.Conflict, "global_sphere");
        }
        await Api.ProblemAsync(visitor.GetAsync(S(global)), HttpStatusCode.NotFound);
        var directory = await members[0].GetOkAsync(S(global, "/members?limit=100"));
        Assert.Equal(new[] { manager.UserId, members[0].UserId, members[1].UserId, late.UserId }.Order(), Ids(directory, "user.id").Order());
        Assert.Equal(1, await app.CountAsync<SphereMember>(m => m.SphereId == global));
        await Api.ProblemAsync(manager.PostAsync(S(global, "/invitations"), new { userName = members[0].User!.UserName }), HttpStatusCode.Conflict, "already_member");
        await Api.ProblemAsync(members[0].PostAsync(S(global, "/enter")), HttpStatusCode.Conflict, "already_member");
        Assert.Equal(1, await app.CountAsync<SphereMember>(m => m.SphereId == global));
    }

    [Theory, Engines]
    public async Task A_global_sphere_role_is_a_row_only_while_it_differs_from_member(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (manager, org, members) = await app.OrganizationWithMembersAsync();
        var global = await manager.CreateSphereAsync(org, "global");
        var promoted = await manager.PatchOkAsync(S(global, $"/members/{members[0].UserId}"), new { role = "administrator" });
        Assert.Equal("administrator", Str(promoted, "role"));
        Assert.Equal(2, await app.CountAsync<SphereMember>(m => m.SphereId == global));
        // Still inside the organization, so still in the sphere: leaving is not possible, stepping down is.
        await Api.ProblemAsync(members[0].PostAsync(S(global, "/leave")), HttpStatusCode.Conflict, "global_sphere");
        await members[0].PatchOkAsync(S(global, $"/members/{members[0].UserId}"), new { role = "member" });
        Assert.Equal(1, await app.CountAsync<SphereMember>(m => m.SphereId == global));
        Assert.Equal("member", Str(await members[0].GetOkAsync(S(global)), "myRole"));
        await Api.ProblemAsync(manager.PostAsync(S(global, "/leave")), HttpStatusCode.Conflict);
        Assert.Equal("administrator", Str(await manager.GetOkAsync(S(global)), "myRole"));
    }

    [Theory, Engines]
    public async Task In_a_restricted_sphere_only_staff_post_and_the_directory_is_hidden_from_members(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (manager, org, members) = await app.OrganizationWithMembersAsync(2);
        var id = await manager.CreateSphereAsync(org, "restricted");
        await manager.InviteAndAcceptAsync(S(id), members[0]);
        await manager.InviteAndAcceptAsync(S(id), members[1], "publisher");
        var member = await members[0].GetOkAsync(S(id));
        Assert.False(member["permissions"]!["canPost"]!.GetValue<bool>());
        Assert.True(member["permissions"]!["canComment"]!.GetValue<bool>());
        Assert.False(member["permissions"]!["canListMembers"]!.GetValue<bool>());
        await Api.ProblemAsync(members[0].GetAsync(S(id, "/members")), HttpStatusCode.Forbidden, "directory_hidden");
        await Api.ProblemAsync(members[0].GetAsync(S(id, $"/members/{members[1].UserId}")), HttpStatusCode.Forbidden, "directory_hidden");
        Assert.Equal("member", Str(await members[0].GetOkAsync(S(id, $"/members/{members[0].UserId}")), "role"));
        var publisher = await members[1].GetOkAsync(S(id));
        Assert.True(publisher["permissions"]!["canPost"]!.GetValue<bool>());
        Assert.Equal(3, (await members[1].GetOkAsync(S(id, "/members")))["items"]!.AsArray().Count);
        Assert.True((await manager.GetOkAsync(S(id)))["permissions"]!["canPost"]!.GetValue<bool>());
    }

    [Theory, Engines]
    public async Task Members_of_a_visitor_sphere_bring_outsiders_in_as_org_visitors_with_limited_rights(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (manager, org, members) = await app.OrganizationWithMembersAsync();
        var id = await manager.CreateSphereAsync(org, "visitor");
        var other = await manager.CreateSphereAsync(org, "open");
        await manager.InviteAndAcceptAsync(S(id), members[0]);
        var guest = await app.SignUpAsync();
        var proposed = await members[0].PostOkAsync(S(id, "/invitations"), new { userName = guest.User!.UserName });
        Assert.Equal("awaiting_approval", Str(proposed["invitation"]!, "status"));
        Assert.Equal("visitor", Str(proposed["invitation"]!, "role"));
        var token = Str(proposed, "token");
        await Api.ProblemAsync(guest.PostAsync($"{V1}/invitations/accept", new { token }), HttpStatusCode.Conflict, "invitation_awaiting_approval");
        var invitationId = proposed["invitation"]!["id"]!.GetValue<Guid>();
        await Api.ProblemAsync(members[0].PostAsync(S(id, $"/invitations/{invitationId}/approve")), HttpStatusCode.Forbidden, "not_administrator");
        Assert.Equal("pending", Str(await manager.PostOkAsync(S(id, $"/invitations/{invitationId}/approve")), "status"));
        await guest.PostOkAsync($"{V1}/invitations/accept", new { token });

        var organization = await guest.GetOkAsync(O(org));
        Assert.Equal("visitor", Str(organization, "myRole"));
        var seen = await guest.GetOkAsync(S(id));
        Assert.Equal("visitor", Str(seen, "myRole"));
        Assert.False(seen["permissions"]!["canPost"]!.GetValue<bool>());
        Assert.True(seen["permissions"]!["canComment"]!.GetValue<bool>());
        Assert.False(seen["permissions"]!["canInvite"]!.GetValue<bool>());
        await Api.ProblemAsync(guest.GetAsync(S(id, "/members")), HttpStatusCode.Forbidden, "directory_hidden");
        await Api.ProblemAsync(guest.GetAsync(S(other)), HttpStatusCode.NotFound);
        Assert.Equal([id], Ids(await guest.GetOkAsync(O(org, "/spheres"))));
        await Api.ProblemAsync(guest.PostAsync(S(id, "/invitations"), new { userName = (await app.SignUpAsync()).User!.UserName }), HttpStatusCode.Forbidden);
        await Api.ProblemAsync(manager.PatchAsync(S(id, $"/members/{guest.UserId}"), new { role = "member" }), HttpStatusCode.UnprocessableEntity, "visitor_role_only");
        // The same outsider cannot be brought into a sphere that is not a visitor sphere.
        var classic = await manager.CreateSphereAsync(org);
        await Api.ProblemAsync(manager.PostAsync(S(classic, "/invitations"), new { userName = guest.User.UserName }), HttpStatusCode.UnprocessableEntity, "invitee_not_in_organization");
    }

    [Theory, Engines]
    public async Task A_forum_sphere_is_an_ordinary_members_space(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (manager, org, members) = await app.OrganizationWithMembersAsync();
        var id = await manager.CreateSphereAsync(org, "forum");
        await Api.ProblemAsync(members[0].GetAsync(S(id)), HttpStatusCode.NotFound);
        await manager.InviteAndAcceptAsync(S(id), members[0]);
        var seen = await members[0].GetOkAsync(S(id));
        Assert.Equal("forum", Str(seen, "type"));
        Assert.True(seen["permissions"]!["canPost"]!.GetValue<bool>());
        Assert.True(seen["permissions"]!["canListMembers"]!.GetValue<bool>());
    }

    [Theory, Engines]
    public async Task People_invited_into_a_personal_sphere_belong_to_it_and_its_administrators_manage_it(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync();
        var bob = await app.SignUpAsync();
        var id = await alice.CreateSphereAsync(null);
        await alice.InviteAndAcceptAsync(S(id), bob, "administrator");
        Assert.Contains(id, Ids(await bob.GetOkAsync($"{V1}/spheres")));
        Assert.Equal("administrator", Str(await bob.GetOkAsync(S(id)), "myRole"));
        Assert.Equal("public", Str(await bob.PatchOkAsync(S(id), new { type = "public" }), "type"));
        await Api.ProblemAsync(bob.PatchAsync(S(id), new { type = "open" }), HttpStatusCode.UnprocessableEntity, "type_not_allowed");
        await Api.ProblemAsync(bob.PatchAsync(S(id), new { type = "global" }), HttpStatusCode.UnprocessableEntity, "type_not_allowed");
        Assert.Equal(2, (await alice.GetOkAsync(S(id, "/members")))["items"]!.AsArray().Count);
    }
}
