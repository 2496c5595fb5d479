using System.Net;
using Enclave.Tests.Support;

namespace Enclave.Tests.Accounts;

public sealed class MeEndpointsTests
{
    [Theory, Engines]
    public async Task Patch_me_updates_the_given_fields_only(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync(firstName: "Alice", lastName: "Martin");
        var email = $"new{alice.User!.UserName}@example.org";
        var updated = await alice.PatchOkAsync("/api/v1/me", new { bio = " Hello ", status = "teleworking", language = "fr", email, currentPassword = World.Password });
        Assert.Equal("Hello", updated["bio"]!.GetValue<string>());
        var me = await alice.GetOkAsync("/api/v1/me");
        Assert.Equal("teleworking", me["status"]!.GetValue<string>());
        Assert.Equal("fr", me["language"]!.GetValue<string>());
        Assert.Equal(email, me["email"]!.GetValue<string>());
        Assert.Equal("Alice Martin", me["displayName"]!.GetValue<string>());
        // The new e-mail signs in; the old one no longer does.
        await app.LoginAsync(email);
        await Api.ProblemAsync(app.Anonymous().PostAsync("/api/v1/auth/login", new { login = alice.User.Email, password = World.Password }), HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Theory, Engines]
    public async Task Patch_me_rejects_bad_fields_and_taken_email_without_writing(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync();
        var bob = await app.SignUpAsync();
        var problem = await Api.ProblemAsync(alice.PatchAsync("/api/v1/me", new { firstName = " ", email = "nope", language = "xx", bio = new string('b', 2001), status = new string('s', 121) }),
            HttpStatusCode.BadRequest, "validation_failed");
        foreach (var field in new[] { "firstName", "email", "language", "bio", "status" }) Assert.NotNull(problem["errors"]![field]);
        await Api.ProblemAsync(alice.PatchAsync("/api/v1/me", new { email = bob.User!.Email.ToUpperInvariant(), bio = "changed", currentPassword = World.Password }), HttpStatusCode.Conflict, "email_taken");
        var me = await alice.GetOkAsync("/api/v1/me");
        Assert.Equal(alice.User!.Email, me["email"]!.GetValue<string>());
        Assert.Equal("", me["bio"]!.GetValue<string>());
        Assert.Equal("en", me["language"]!.GetValue<string>());
    }

    /// <summary>A stolen session is not enough to take an account over through its email.</summary>
    [Theory, Engines]
    public async Task Changing_the_email_needs_the_current_password(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync();
        var stolen = $"thief{alice.User!.UserName}@example.org";
        var missing = await Api.ProblemAsync(alice.PatchAsync("/api/v1/me", new { email = stolen, bio = "pwned" }), HttpStatusCode.BadRequest, "validation_failed");
        Assert.NotNull(missing["errors"]!["currentPassword"]);
        var wrong = await Api.ProblemAsync(alice.PatchAsync("/api/v1/me", new { email = stolen, currentPassword = "not the password" }), HttpStatusCode.BadRequest, "validation_failed");
        Assert.NotNull(wrong["errors"]!["currentPassword"]);
        var me = await alice.GetOkAsync("/api/v1/me");
        Assert.Equal(alice.User.Email, me["email"]!.GetValue<string>());
        Assert.Equal("", me["bio"]!.GetValue<string>());
        // Other fields, and the same email in another case, need no password.
        await alice.PatchOkAsync("/api/v1/me", new { bio = "fine", email = alice.User.Email.ToUpperInvariant() });
    }

    [Theory, Engines]
    public async Task Changing_the_password_checks_the_current_one_and_closes_other_sessions(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync();
        var other = await app.LoginAsync(alice.User!.UserName);
        const string next = "a brand new passphrase";
        var wrong = await Api.ProblemAsync(alice.PutAsync("/api/v1/me/password", new { currentPassword = "not my password", newPassword = next }),
            HttpStatusCode.BadRequest, "validation_failed");
        Assert.NotNull(wrong["errors"]!["currentPassword"]);
        var weak = await Api.ProblemAsync(alice.PutAsync("/api/v1/me/password", new { currentPassword = World.Password, newPassword = "short" }),
            HttpStatusCode.BadRequest, "validation_failed");
        Assert.NotNull(weak["errors"]!["newPassword"]);
        await other.GetOkAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.NoContent, (await alice.PutAsync("/api/v1/me/password", new { currentPassword = World.Password, newPassword = next })).StatusCode);
        await alice.GetOkAsync("/api/v1/me");
        await Api.ProblemAsync(other.GetAsync("/api/v1/me"), HttpStatusCode.Unauthorized, "unauthenticated");
        await Api.ProblemAsync(app.Anonymous().PostAsync("/api/v1/auth/login", new { login = alice.User.UserName, password = World.Password }), HttpStatusCode.Unauthorized, "invalid_credentials");
        await app.LoginAsync(alice.User.UserName, next);
    }

    [Theory, Engines]
    public async Task Sessions_are_listed_and_can_be_closed_one_by_one(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync();
        var bob = await app.SignUpAsync();
        var other = await app.LoginAsync(alice.User!.UserName);
        var list = (await alice.GetOkAsync("/api/v1/me/sessions"))["items"]!.AsArray();
        Assert.Equal(2, list.Count);
        var current = Assert.Single(list, s => s!["current"]!.GetValue<bool>());
        var otherId = Assert.Single(list, s => !s!["current"]!.GetValue<bool>())!["id"]!.GetValue<Guid>();

        // Someone else's session id is unknown to Bob.
        await Api.ProblemAsync(bob.DeleteAsync($"/api/v1/me/sessions/{otherId}"), HttpStatusCode.NotFound, "not_found");
        await other.GetOkAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.NoContent, (await alice.DeleteAsync($"/api/v1/me/sessions/{otherId}")).StatusCode);
        await Api.ProblemAsync(other.GetAsync("/api/v1/me"), HttpStatusCode.Unauthorized, "unauthenticated");
        await Api.ProblemAsync(alice.DeleteAsync($"/api/v1/me/sessions/{otherId}"), HttpStatusCode.NotFound, "not_found");
        Assert.Equal(current!["id"]!.GetValue<Guid>(), Assert.Single((await alice.GetOkAsync("/api/v1/me/sessions"))["items"]!.AsArray())!["id"]!.GetValue<Guid>());
    }
}
