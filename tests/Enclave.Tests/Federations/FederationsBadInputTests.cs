using System.Net;
using Enclave.Tests.Support;

namespace Enclave.Tests.Federations;

/// <summary>Every class of bad input gets a 4xx problem (never a 500) and attaches nothing.</summary>
public sealed class FederationsBadInputTests
{
    [Theory, Engines]
    public async Task Bad_parent_bodies_attach_nothing(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync();
        var mother = await alice.CreateOrganizationAsync();
        var daughter = await alice.CreateOrganizationAsync();
        var path = Federation.Parent(daughter);
        await Api.ProblemAsync(alice.SendRawAsync(HttpMethod.Put, path, $"{{\"parentId\": \"{mother}\""), HttpStatusCode.BadRequest, "malformed_json");
        var wrongType = await Api.ProblemAsync(alice.SendRawAsync(HttpMethod.Put, path, "{\"parentId\": 123}"), HttpStatusCode.BadRequest, "malformed_json");
        Assert.NotNull(wrongType["errors"]!["parentId"]);
        await Api.ProblemAsync(alice.SendRawAsync(HttpMethod.Put, path, "{\"parentId\": \"not-a-guid\"}"), HttpStatusCode.BadRequest, "malformed_json");
        var missing = await Api.ProblemAsync(alice.SendRawAsync(HttpMethod.Put, path, "{}"), HttpStatusCode.BadRequest, "validation_failed");
        Assert.NotNull(missing["errors"]!["parentId"]);
        await Api.ProblemAsync(alice.SendRawAsync(HttpMethod.Put, path, "{\"parentId\": null}"), HttpStatusCode.BadRequest, "validation_failed");
        await Api.ProblemAsync(alice.SendRawAsync(HttpMethod.Put, path, $"{{\"parentId\": \"{mother}\"}}", "text/plain"), HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        await Api.ProblemAsync(alice.SendRawAsync(HttpMethod.Put, path, $"{{\"parentId\": \"{mother}\", \"pad\": \"{new string('p', 300 * 1024)}\"}}"), HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
        await Api.ProblemAsync(alice.PutAsync(path, new { parentId = Guid.CreateVersion7() }), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(alice.PutAsync(Federation.Parent(Guid.CreateVersion7()), new { parentId = mother }), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(alice.PostAsync(path, new { parentId = mother }), HttpStatusCode.MethodNotAllowed, "method_not_allowed");

        Assert.Null((await alice.GetOkAsync($"/api/v1/organizations/{daughter}"))["parentId"]);
        Assert.Equal([mother], await alice.TreeAsync(mother));
        Assert.Empty((await alice.GetOkAsync($"/api/v1/organizations/{mother}/federation-requests"))["items"]!.AsArray());
    }

    [Theory, Engines]
    public async Task Unknown_requests_and_organizations_are_not_found(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync();
        var carol = await app.SignUpAsync();
        var mother = await alice.CreateOrganizationAsync(extra: new { externalPortal = true });
        var other = await alice.CreateOrganizationAsync();
        var daughter = await carol.CreateOrganizationAsync();
        var unknown = Guid.CreateVersion7();
        var request = (await carol.PutOkAsync(Federation.Parent(daughter), new { parentId = mother }))["request"]!["id"]!.GetValue<Guid>();

        await Api.ProblemAsync(alice.PostAsync($"/api/v1/organizations/{mother}/federation-requests/{unknown}/accept"), HttpStatusCode.NotFound, "not_found");
        // A request is decided only through the mother it was addressed to.
        await Api.ProblemAsync(alice.PostAsync($"/api/v1/organizations/{other}/federation-requests/{request}/accept"), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(alice.PostAsync($"/api/v1/organizations/{unknown}/federation-requests/{request}/refuse"), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(alice.GetAsync($"/api/v1/organizations/{unknown}/federation-requests"), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(alice.GetAsync($"/api/v1/organizations/{unknown}/tree"), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(alice.DeleteAsync(Federation.Parent(unknown)), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(alice.GetAsync($"/api/v1/organizations/{mother}/federation-requests?cursor=nope!"), HttpStatusCode.BadRequest, "validation_failed");
        await Api.ProblemAsync(alice.PostAsync($"/api/v1/organizations/{mother}/federation-requests/not-a-guid/accept"), HttpStatusCode.NotFound, "not_found");

        Assert.Null((await carol.GetOkAsync($"/api/v1/organizations/{daughter}"))["parentId"]);
        var pending = Assert.Single((await alice.GetOkAsync($"/api/v1/organizations/{mother}/federation-requests"))["items"]!.AsArray());
        Assert.Equal("pending", pending!["status"]!.GetValue<string>());
    }

    [Theory, Engines]
    public async Task A_daughter_asking_two_mothers_ends_under_the_first_that_accepts(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync();
        var bob = await app.SignUpAsync();
        var carol = await app.SignUpAsync();
        var first = await alice.CreateOrganizationAsync(extra: new { externalPortal = true });
        var second = await bob.CreateOrganizationAsync(extra: new { externalPortal = true });
        var daughter = await carol.CreateOrganizationAsync();
        var toFirst = (await carol.PutOkAsync(Federation.Parent(daughter), new { parentId = first }))["request"]!["id"]!.GetValue<Guid>();
        var toSecond = (await carol.PutOkAsync(Federation.Parent(daughter), new { parentId = second }))["request"]!["id"]!.GetValue<Guid>();
        await alice.PostOkAsync($"/api/v1/organizations/{first}/federation-requests/{toFirst}/accept");
        // The other request was cancelled: it leaves the second mother's list and cannot be accepted.
        Assert.Empty((await bob.GetOkAsync($"/api/v1/organizations/{second}/federation-requests"))["items"]!.AsArray());
        await Api.ProblemAsync(bob.PostAsync($"/api/v1/organizations/{second}/federation-requests/{toSecond}/accept"), HttpStatusCode.Conflict, "already_decided");
        Assert.Equal(first, (await carol.GetOkAsync($"/api/v1/organizations/{daughter}"))["parentId"]!.GetValue<Guid>());
        Assert.Equal("(portal)", await carol.RoleInAsync(second));
    }
}
