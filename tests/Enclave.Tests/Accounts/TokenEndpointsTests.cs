using System.Net;
using Enclave.Tests.Support;

namespace Enclave.Tests.Accounts;

public sealed class TokenEndpointsTests
{
    [Theory, Engines]
    public async Task A_token_is_shown_once_works_as_bearer_and_stops_working_when_revoked(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync();
        var created = await alice.PostOkAsync("/api/v1/me/tokens", new { name = " deploy bot " });
        var secret = created["secret"]!.GetValue<string>();
        var id = created["token"]!["id"]!.GetValue<Guid>();
        Assert.StartsWith("ept_", secret);
        Assert.Equal("deploy bot", created["token"]!["name"]!.GetValue<string>());
        Assert.StartsWith(created["token"]!["prefix"]!.GetValue<string>(), secret);
        Assert.Null(created["token"]!["expiresAt"]);

        var bot = app.Bearer(secret);
        Assert.Equal(alice.UserId, (await bot.GetOkAsync("/api/v1/me"))["id"]!.GetValue<Guid>());

        var listed = (await alice.GetOkAsync("/api/v1/me/tokens"))["items"]!.AsArray();
        var item = Assert.Single(listed);
        Assert.Equal(id, item!["id"]!.GetValue<Guid>());
        Assert.NotNull(item["lastUsedAt"]);
        Assert.DoesNotContain(secret, listed.ToJsonString());

        var bob = await app.SignUpAsync();
        await Api.ProblemAsync(bob.DeleteAsync($"/api/v1/me/tokens/{id}"), HttpStatusCode.NotFound, "not_found");
        await bot.GetOkAsync("/api/v1/me");
        Assert.Empty((await bob.GetOkAsync("/api/v1/me/tokens"))["items"]!.AsArray());

        Assert.Equal(HttpStatusCode.NoContent, (await alice.DeleteAsync($"/api/v1/me/tokens/{id}")).StatusCode);
        await Api.ProblemAsync(bot.GetAsync("/api/v1/me"), HttpStatusCode.Unauthorized, "unauthenticated");
        await Api.ProblemAsync(alice.DeleteAsync($"/api/v1/me/tokens/{id}"), HttpStatusCode.NotFound, "not_found");
        Assert.Empty((await alice.GetOkAsync("/api/v1/me/tokens"))["items"]!.AsArray());
    }

    [Theory, Engines]
    public async Task Token_creation_validates_name_and_expiry(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync();
        var problem = await Api.ProblemAsync(alice.PostAsync("/api/v1/me/tokens", new { name = "", expiresInDays = 0 }), HttpStatusCode.BadRequest, "validation_failed");
        Assert.NotNull(problem["errors"]!["name"]);
        Assert.NotNull(problem["errors"]!["expiresInDays"]);
        await Api.ProblemAsync(alice.PostAsync("/api/v1/me/tokens", new { name = new string('n', 101) }), HttpStatusCode.BadRequest, "validation_failed");
        await Api.ProblemAsync(alice.PostAsync("/api/v1/me/tokens", new { name = "x", expiresInDays = 3651 }), HttpStatusCode.BadRequest, "validation_failed");
        await Api.ProblemAsync(alice.PostAsync("/api/v1/me/tokens", new { name = "x", expiresInDays = "soon" }), HttpStatusCode.BadRequest, "malformed_json");
        Assert.Empty((await alice.GetOkAsync("/api/v1/me/tokens"))["items"]!.AsArray());
        await Api.ProblemAsync(app.Anonymous().PostAsync("/api/v1/me/tokens", new { name = "x" }), HttpStatusCode.Unauthorized, "unauthenticated");
        await Api.ProblemAsync(app.Bearer("ept_" + new string('A', 43)).GetAsync("/api/v1/me"), HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Theory, Engines]
    public async Task A_person_holds_at_most_fifty_tokens_listed_page_by_page(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync();
        var ids = new List<Guid>();
        for (var i = 0; i < 50; i++) ids.Add((await alice.PostOkAsync("/api/v1/me/tokens", new { name = $"token {i}" }))["token"]!["id"]!.GetValue<Guid>());
        await Api.ProblemAsync(alice.PostAsync("/api/v1/me/tokens", new { name = "one too many" }), HttpStatusCode.Conflict, "too_many_tokens");
        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await alice.GetOkAsync($"/api/v1/me/tokens?limit=20{(cursor is null ? "" : $"&cursor={cursor}")}");
            seen.AddRange(page["items"]!.AsArray().Select(t => t!["id"]!.GetValue<Guid>()));
            cursor = page["nextCursor"]?.GetValue<string>();
        } while (cursor is not null);
        Assert.Equal(50, seen.Count);
        Assert.Equal(ids.ToHashSet(), seen.ToHashSet());
        await alice.DeleteOkAsync($"/api/v1/me/tokens/{ids[0]}");
        await alice.PostOkAsync("/api/v1/me/tokens", new { name = "room again" });
    }

    [Theory, Engines]
    public async Task An_expiring_token_stops_working_after_its_expiry(Engine engine)
    {
        using var app = new EnclaveApp(engine);
        var alice = await app.SignUpAsync();
        var created = await alice.PostOkAsync("/api/v1/me/tokens", new { name = "short lived", expiresInDays = 1 });
        var expiresAt = created["token"]!["expiresAt"]!.GetValue<DateTime>();
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime.AddDays(1), expiresAt.ToUniversalTime(), TimeSpan.FromSeconds(1));
        var bot = app.Bearer(created["secret"]!.GetValue<string>());
        app.Clock.Advance(TimeSpan.FromHours(23));
        await bot.GetOkAsync("/api/v1/me");
        app.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        await Api.ProblemAsync(bot.GetAsync("/api/v1/me"), HttpStatusCode.Unauthorized, "unauthenticated");
        // The owner still sees it listed, with its expiry, to clean it up.
        Assert.Single((await alice.GetOkAsync("/api/v1/me/tokens"))["items"]!.AsArray());
    }
}
