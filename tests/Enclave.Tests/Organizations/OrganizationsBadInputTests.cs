using System.Net;
using Enclave.Tests.Support;

namespace Enclave.Tests.Organizations;

/// <summary>Every class of bad input gets a 4xx problem (never a 500) and writes nothing.</summary>
public sealed class OrganizationsBadInputTests
{
    [Theory, Engines]
    public async Task Bad_creation_bodies_create_no_organization(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync();
        const string path = "/api/v1/organizations";
        await Api.ProblemAsync(alice.SendRawAsync(HttpMethod.Post, path, "{\"name\": \"Acme\""), HttpStatusCode.BadRequest, "malformed_json");
        await Api.ProblemAsync(alice.SendRawAsync(HttpMethod.Post, path, "{\"name\": \"Acme\",}"), HttpStatusCode.BadRequest, "malformed_json");
        var wrongType = await Api.ProblemAsync(alice.SendRawAsync(HttpMethod.Post, path, "{\"name\": 123}"), HttpStatusCode.BadRequest, "malformed_json");
        Assert.NotNull(wrongType["errors"]!["name"]);
        await Api.ProblemAsync(alice.SendRawAsync(HttpMethod.Post, path, "{\"name\": \"Acme\", \"externalPortal\": \"yes\"}"), HttpStatusCode.BadRequest, "malformed_json");
        await Api.ProblemAsync(alice.SendRawAsync(HttpMethod.Post, path, "\"Acme\""), HttpStatusCode.BadRequest, "malformed_json");
        await Api.ProblemAsync(alice.SendRawAsync(HttpMethod.Post, path, "{\"name\": \"Ac\\u0000me\"}"), HttpStatusCode.BadRequest, "malformed_json");
        await Api.ProblemAsync(alice.SendRawAsync(HttpMethod.Post, path, "{\"name\": \"Acme\"}", "text/plain"), HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        await Api.ProblemAsync(alice.SendRawAsync(HttpMethod.Post, path, $"{{\"name\": \"Acme\", \"description\": \"{new string('d', 300 * 1024)}\"}}"), HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
        await Api.ProblemAsync(alice.SendRawAsync(HttpMethod.Put, path, "{\"name\": \"Acme\"}"), HttpStatusCode.MethodNotAllowed, "method_not_allowed");
        Assert.Empty((await alice.GetOkAsync(path))["items"]!.AsArray());
    }

    [Theory, Engines]
    public async Task Bad_update_bodies_leave_the_organization_unchanged(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync();
        var org = await alice.CreateOrganizationAsync("Stable name");
        var path = $"/api/v1/organizations/{org}";
        await Api.ProblemAsync(alice.SendRawAsync(HttpMethod.Patch, path, "{\"name\": "), HttpStatusCode.BadRequest, "malformed_json");
        await Api.ProblemAsync(alice.SendRawAsync(HttpMethod.Patch, path, "{\"name\": [\"x\"]}"), HttpStatusCode.BadRequest, "malformed_json");
        await Api.ProblemAsync(alice.SendRawAsync(HttpMethod.Patch, path, "{\"name\": \"Changed\", \"hiddenInTree\": 1}"), HttpStatusCode.BadRequest, "malformed_json");
        await Api.ProblemAsync(alice.SendRawAsync(HttpMethod.Patch, path, "{\"name\": \"Changed\", \"plan\": \"gold\"}"), HttpStatusCode.BadRequest, "malformed_json");
        await Api.ProblemAsync(alice.SendRawAsync(HttpMethod.Patch, path, "{\"name\": \"Changed\", \"plan\": 3}"), HttpStatusCode.BadRequest, "malformed_json");
        await Api.ProblemAsync(alice.SendRawAsync(HttpMethod.Patch, path, "{\"name\": \"Changed\"}", "text/plain"), HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        await Api.ProblemAsync(alice.SendRawAsync(HttpMethod.Patch, path, $"{{\"name\": \"Changed\", \"description\": \"{new string('d', 300 * 1024)}\"}}"), HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
        var org1 = await alice.GetOkAsync(path);
        Assert.Equal("Stable name", org1["name"]!.GetValue<string>());
        Assert.False(org1["hiddenInTree"]!.GetValue<bool>());
        Assert.Equal("standard", org1["plan"]!.GetValue<string>());
    }

    [Theory, Engines]
    public async Task Unknown_or_malformed_ids_are_not_found(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync();
        var unknown = Guid.CreateVersion7();
        await Api.ProblemAsync(alice.GetAsync($"/api/v1/organizations/{unknown}"), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(alice.PatchAsync($"/api/v1/organizations/{unknown}", new { name = "Ghost" }), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(alice.DeleteAsync($"/api/v1/organizations/{unknown}?confirm=true"), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(alice.GetAsync($"/api/v1/organizations/{unknown}/members"), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(alice.DeleteAsync($"/api/v1/organizations/{unknown}/members/{alice.UserId}"), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(alice.PostAsync($"/api/v1/organizations/{unknown}/join-requests", new { }), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(alice.GetAsync("/api/v1/organizations/not-a-guid"), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(alice.GetAsync("/api/v1/organizations/00000000-0000-0000-0000-000000000000"), HttpStatusCode.NotFound, "not_found");
        var org = await alice.CreateOrganizationAsync(extra: new { externalPortal = true });
        await Api.ProblemAsync(alice.PostAsync($"/api/v1/organizations/{org}/join-requests/{unknown}/approve"), HttpStatusCode.NotFound, "not_found");
        var bob = await app.SignUpAsync();
        await Api.ProblemAsync(bob.SendRawAsync(HttpMethod.Post, $"/api/v1/organizations/{org}/join-requests", "{\"message\": 5}"), HttpStatusCode.BadRequest, "malformed_json");
        await Api.ProblemAsync(bob.PostAsync($"/api/v1/organizations/{org}/join-requests", new { message = new string('m', 1001) }), HttpStatusCode.BadRequest, "validation_failed");
        Assert.Empty((await alice.GetOkAsync($"/api/v1/organizations/{org}/join-requests"))["items"]!.AsArray());
    }
}
