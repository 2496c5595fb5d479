using System.Net;
using Enclave.Server.Memberships;
using Enclave.Tests.Support;
using static Enclave.Tests.Spheres.SphereTestWorld;

namespace Enclave.Tests.Memberships;

/// <summary>Sphere and organization charters: content stays hidden until the current version is accepted.</summary>
public sealed class CharterEndpointsTests
{
    private static async Task AssertContentHiddenAsync(Api member, Guid sphere)
    {
        var seen = await member.GetOkAsync(S(sphere));
        Assert.True(seen["charterPending"]!.GetValue<bool>());
        Assert.False(seen["permissions"]!["canRead"]!.GetValue<bool>());
        Assert.False(seen["permissions"]!["canPost"]!.GetValue<bool>());
        await Api.ProblemAsync(member.GetAsync(S(sphere, "/members")), HttpStatusCode.Forbidden, "charter_pending");
        await Api.ProblemAsync(member.GetAsync(S(sphere, $"/members/{Guid.NewGuid()}")), HttpStatusCode.Forbidden, "charter_pending");
        await Api.ProblemAsync(member.GetAsync(S(sphere, "/groups")), HttpStatusCode.Forbidden, "charter_pending");
    }

    private static async Task AssertContentVisibleAsync(Api member, Guid sphere)
    {
        var seen = await member.GetOkAsync(S(sphere));
        Assert.False(seen["charterPending"]!.GetValue<bool>());
        Assert.True(seen["permissions"]!["canRead"]!.GetValue<bool>());
        await member.GetOkAsync(S(sphere, "/members"));
        await member.GetOkAsync(S(sphere, "/groups"));
    }

    [Theory, Engines]
    public async Task A_sphere_charter_hides_content_until_its_current_version_is_accepted(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (manager, org, members) = await app.OrganizationWithMembersAsync();
        var sphere = await manager.CreateSphereAsync(org);
        await manager.InviteAndAcceptAsync(S(sphere), members[0]);
        await AssertContentVisibleAsync(members[0], sphere);
        await Api.ProblemAsync(members[0].PutAsync(S(sphere, "/charter"), new { text = "Mine" }), HttpStatusCode.Forbidden, "not_administrator");
        var set = await manager.PutOkAsync(S(sphere, "/charter"), new { text = "Be kind." });
        var version = set["version"]!.GetValue<int>();
        await AssertContentHiddenAsync(members[0], sphere);
        var charter = await members[0].GetOkAsync(S(sphere, "/charter"));
        Assert.Equal("Be kind.", Str(charter, "text"));
        Assert.False(charter["accepted"]!.GetValue<bool>());
        await Api.ProblemAsync(members[0].PostAsync(S(sphere, "/charter/accept"), new { version = version - 1 }), HttpStatusCode.Conflict, "charter_changed");
        await AssertContentHiddenAsync(members[0], sphere);
        Assert.True((await members[0].PostOkAsync(S(sphere, "/charter/accept"), new { version }))["accepted"]!.GetValue<bool>());
        await members[0].PostOkAsync(S(sphere, "/charter/accept"), new { version });
        await AssertContentVisibleAsync(members[0], sphere);
        Assert.True((await members[0].GetOkAsync(S(sphere, "/charter")))["accepted"]!.GetValue<bool>());

        var changed = await manager.PutOkAsync(S(sphere, "/charter"), new { text = "Be kind. Be brief." });
        Assert.True(changed["version"]!.GetValue<int>() > version);
        await AssertContentHiddenAsync(members[0], sphere);
        await Api.ProblemAsync(members[0].PostAsync(S(sphere, "/charter/accept"), new { version }), HttpStatusCode.Conflict, "charter_changed");
        await members[0].PostOkAsync(S(sphere, "/charter/accept"), new { version = changed["version"]!.GetValue<int>() });
        await AssertContentVisibleAsync(members[0], sphere);

        await manager.DeleteOkAsync(S(sphere, "/charter"));
        var none = await members[0].GetOkAsync(S(sphere, "/charter"));
        Assert.Null(none["text"]);
        await Api.ProblemAsync(members[0].PostAsync(S(sphere, "/charter/accept"), new { version = none["version"]!.GetValue<int>() }), HttpStatusCode.Conflict, "no_charter");
        await AssertContentVisibleAsync(members[0], sphere);
    }

    [Theory, Engines]
    public async Task An_organization_charter_applies_to_all_its_spheres(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (manager, org, members) = await app.OrganizationWithMembersAsync();
        var classic = await manager.CreateSphereAsync(org);
        var global = await manager.CreateSphereAsync(org, "global");
        await manager.InviteAndAcceptAsync(S(classic), members[0]);
        var version = (await manager.PutOkAsync(O(org, "/charter"), new { text = "House rules" }))["version"]!.GetValue<int>();
        Assert.True((await members[0].GetOkAsync(O(org)))["charterPending"]!.GetValue<bool>());
        await AssertContentHiddenAsync(members[0], classic);
        await AssertContentHiddenAsync(members[0], global);
        await AssertContentHiddenAsync(manager, classic);
        // The sphere says which charter waits: here the organization's (so a client can link to it).
        Assert.True((await members[0].GetOkAsync(S(classic)))["organizationCharterPending"]!.GetValue<bool>());
        // Accepting a sphere's own (absent) charter does not stand in for the organization's.
        await Api.ProblemAsync(members[0].PostAsync(S(classic, "/charter/accept"), new { version = 0 }), HttpStatusCode.Conflict, "no_charter");
        await Api.ProblemAsync(members[0].PostAsync(O(org, "/charter/accept"), new { version = version + 1 }), HttpStatusCode.Conflict, "charter_changed");
        await members[0].PostOkAsync(O(org, "/charter/accept"), new { version });
        Assert.False((await members[0].GetOkAsync(S(classic)))["organizationCharterPending"]!.GetValue<bool>());
        await AssertContentVisibleAsync(members[0], classic);
        await AssertContentVisibleAsync(members[0], global);
        await AssertContentHiddenAsync(manager, classic);
        // A personal sphere elsewhere is untouched by this organization's charter.
        var personal = await members[0].CreateSphereAsync(null);
        await AssertContentVisibleAsync(members[0], personal);
    }

    [Theory, Engines]
    public async Task Bad_charter_input_is_rejected_and_changes_nothing(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (manager, org, members) = await app.OrganizationWithMembersAsync();
        var sphere = await manager.CreateSphereAsync(org);
        var version = (await manager.PutOkAsync(S(sphere, "/charter"), new { text = "Original" }))["version"]!.GetValue<int>();
        var tooLong = await Api.ProblemAsync(manager.PutAsync(S(sphere, "/charter"), new { text = new string('c', 20001) }), HttpStatusCode.BadRequest, "validation_failed");
        Assert.NotNull(tooLong["errors"]!["text"]);
        await Api.ProblemAsync(manager.SendRawAsync(HttpMethod.Put, S(sphere, "/charter"), "{\"text\":"), HttpStatusCode.BadRequest, "malformed_json");
        await Api.ProblemAsync(manager.SendRawAsync(HttpMethod.Put, S(sphere, "/charter"), "{\"text\":3}"), HttpStatusCode.BadRequest, "malformed_json");
        var missing = await Api.ProblemAsync(manager.PostAsync(S(sphere, "/charter/accept"), new { }), HttpStatusCode.BadRequest, "validation_failed");
        Assert.NotNull(missing["errors"]!["version"]);
        await Api.ProblemAsync(manager.SendRawAsync(HttpMethod.Post, S(sphere, "/charter/accept"), "{\"version\":\"one\"}"), HttpStatusCode.BadRequest, "malformed_json");
        await Api.ProblemAsync(manager.SendRawAsync(HttpMethod.Post, S(sphere, "/charter/accept"), "{\"version\":1.5}"), HttpStatusCode.BadRequest, "malformed_json");
        await Api.ProblemAsync(manager.PutAsync(S(Guid.NewGuid(), "/charter"), new { text = "Ghost" }), HttpStatusCode.NotFound);
        await Api.ProblemAsync(manager.PostAsync(S(Guid.NewGuid(), "/charter/accept"), new { version = 1 }), HttpStatusCode.NotFound);
        await Api.ProblemAsync(members[0].GetAsync(S(sphere, "/charter")), HttpStatusCode.NotFound);
        await Api.ProblemAsync(members[0].PostAsync(S(sphere, "/charter/accept"), new { version }), HttpStatusCode.NotFound);
        await Api.ProblemAsync(members[0].PutAsync(O(org, "/charter"), new { text = "Coup" }), HttpStatusCode.Forbidden, "not_manager");
        var charter = await manager.GetOkAsync(S(sphere, "/charter"));
        Assert.Equal("Original", Str(charter, "text"));
        Assert.Equal(version, charter["version"]!.GetValue<int>());
        Assert.Equal(0, await app.CountAsync<CharterAcceptance>(c => c.SphereId == sphere));
        Assert.False((await manager.GetOkAsync(O(org)))["hasCharter"]!.GetValue<bool>());
    }

    [Theory, Engines]
    public async Task Concurrent_charter_acceptances_all_succeed_and_record_one_row(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (manager, org, members) = await app.OrganizationWithMembersAsync();
        var id = await manager.CreateSphereAsync(org);
        await manager.InviteAndAcceptAsync(S(id), members[0]);
        var version = (await manager.PutOkAsync(S(id, "/charter"), new { text = "Rules" }))["version"]!.GetValue<int>();
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => members[0].PostAsync(S(id, "/charter/accept"), new { version })));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        foreach (var r in responses) r.Dispose();
        Assert.Equal(1, await app.CountAsync<CharterAcceptance>(c => c.SphereId == id && c.UserId == members[0].UserId));
    }
}
