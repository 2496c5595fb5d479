using System.Net;
using Enclave.Tests.Support;

namespace Enclave.Tests.Accounts;

/// <summary>Every class of bad input gets a 4xx problem (never a 500) and writes nothing.</summary>
public sealed class AccountsBadInputTests
{
    private const string Signup = "/api/v1/auth/signup";

    [Theory, Engines]
    public async Task Bad_sign_up_bodies_are_refused_and_create_no_account(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var anonymous = app.Anonymous();
        var name = World.UniqueName("bad");
        var valid = $$"""{"userName":"{{name}}","firstName":"A","lastName":"B","email":"{{name}}@example.org","password":"{{World.Password}}","mode":"token"}""";

        await Api.ProblemAsync(anonymous.SendRawAsync(HttpMethod.Post, Signup, valid[..^5]), HttpStatusCode.BadRequest, "malformed_json");
        await Api.ProblemAsync(anonymous.SendRawAsync(HttpMethod.Post, Signup, "[]"), HttpStatusCode.BadRequest, "malformed_json");
        await Api.ProblemAsync(anonymous.SendRawAsync(HttpMethod.Post, Signup, ""), HttpStatusCode.BadRequest);
        var wrongType = await Api.ProblemAsync(anonymous.SendRawAsync(HttpMethod.Post, Signup, valid.Replace("\"A\"", "123")), HttpStatusCode.BadRequest, "malformed_json");
        Assert.NotNull(wrongType["errors"]!["firstName"]);
        await Api.ProblemAsync(anonymous.SendRawAsync(HttpMethod.Post, Signup, valid.Replace("\"token\"", "\"carrier_pigeon\"")), HttpStatusCode.BadRequest, "malformed_json");
        await Api.ProblemAsync(anonymous.SendRawAsync(HttpMethod.Post, Signup, valid.Replace("\"token\"", "1")), HttpStatusCode.BadRequest, "malformed_json");
        await Api.ProblemAsync(anonymous.SendRawAsync(HttpMethod.Post, Signup, valid, "text/plain"), HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        await Api.ProblemAsync(anonymous.SendRawAsync(HttpMethod.Post, Signup, valid.Replace("\"A\"", $"\"{new string('a', 300 * 1024)}\"")), HttpStatusCode.RequestEntityTooLarge, "payload_too_large");

        // None of these created the account: the same body now succeeds.
        await anonymous.OkAsync(anonymous.SendRawAsync(HttpMethod.Post, Signup, valid));
    }

    [Theory, Engines]
    public async Task Bad_bodies_on_account_endpoints_change_nothing(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync();
        await Api.ProblemAsync(alice.SendRawAsync(HttpMethod.Patch, "/api/v1/me", "{\"bio\": \"x\""), HttpStatusCode.BadRequest, "malformed_json");
        await Api.ProblemAsync(alice.SendRawAsync(HttpMethod.Patch, "/api/v1/me", "{\"bio\": 42}"), HttpStatusCode.BadRequest, "malformed_json");
        await Api.ProblemAsync(alice.SendRawAsync(HttpMethod.Patch, "/api/v1/me", "{\"bio\": \"x\"}", "text/plain"), HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        await Api.ProblemAsync(alice.SendRawAsync(HttpMethod.Patch, "/api/v1/me", $"{{\"bio\": \"{new string('b', 300 * 1024)}\"}}"), HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
        // U+0000 cannot be stored by PostgreSQL: refused as bad input on both engines.
        await Api.ProblemAsync(alice.SendRawAsync(HttpMethod.Patch, "/api/v1/me", "{\"bio\": \"a\\u0000b\"}"), HttpStatusCode.BadRequest, "malformed_json");
        Assert.Equal("", (await alice.GetOkAsync("/api/v1/me"))["bio"]!.GetValue<string>());

        await Api.ProblemAsync(alice.SendRawAsync(HttpMethod.Put, "/api/v1/me/password", "{\"currentPassword\": true, \"newPassword\": \"another long passphrase\"}"), HttpStatusCode.BadRequest, "malformed_json");
        await Api.ProblemAsync(alice.SendRawAsync(HttpMethod.Post, "/api/v1/me/tokens", "{\"name\": [\"x\"]}"), HttpStatusCode.BadRequest, "malformed_json");
        await Api.ProblemAsync(alice.SendRawAsync(HttpMethod.Post, "/api/v1/me/tokens", "{\"name\": \"x\", \"expiresInDays\": 1.5}"), HttpStatusCode.BadRequest, "malformed_json");
        await Api.ProblemAsync(alice.SendRawAsync(HttpMethod.Post, "/api/v1/me/tokens", "name=x", "application/x-www-form-urlencoded"), HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        Assert.Empty((await alice.GetOkAsync("/api/v1/me/tokens"))["items"]!.AsArray());
        await app.LoginAsync(alice.User!.UserName);

        await Api.ProblemAsync(app.Anonymous().SendRawAsync(HttpMethod.Post, "/api/v1/auth/login", "{\"login\": 1, \"password\": 2}"), HttpStatusCode.BadRequest, "malformed_json");
        await Api.ProblemAsync(app.Anonymous().SendRawAsync(HttpMethod.Post, "/api/v1/auth/login", "{\"login\": \"a\\u0000b\", \"password\": \"whatever it is\"}"), HttpStatusCode.BadRequest, "malformed_json");
        await Api.ProblemAsync(app.Anonymous().SendRawAsync(HttpMethod.Post, "/api/v1/auth/login", $"{{\"login\":\"{alice.User.UserName}\",\"password\":\"{World.Password}\",\"mode\":\"jwt\"}}"), HttpStatusCode.BadRequest, "malformed_json");
    }

    [Theory, Engines]
    public async Task Unknown_ids_and_paging_arguments_are_client_errors(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync();
        await Api.ProblemAsync(alice.DeleteAsync($"/api/v1/me/tokens/{Guid.CreateVersion7()}"), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(alice.DeleteAsync($"/api/v1/me/sessions/{Guid.CreateVersion7()}"), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(alice.DeleteAsync("/api/v1/me/tokens/12"), HttpStatusCode.NotFound);
        await Api.ProblemAsync(alice.GetAsync("/api/v1/me/tokens?cursor=%%%"), HttpStatusCode.BadRequest, "validation_failed");
        await Api.ProblemAsync(alice.GetAsync("/api/v1/me/sessions?limit=0"), HttpStatusCode.BadRequest, "validation_failed");
        await Api.ProblemAsync(alice.GetAsync("/api/v1/me/sessions?limit=abc"), HttpStatusCode.BadRequest);
        await Api.ProblemAsync(alice.GetAsync("/api/v1/no-such-endpoint"), HttpStatusCode.NotFound, "not_found");
        await alice.GetOkAsync("/api/v1/me/sessions");
    }
}
