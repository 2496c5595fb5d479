using System.Net;
using Enclave.Tests.Posts.Attachments;
using Enclave.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Tests.Privacy.Closing;

public sealed class CloseAccountTests
{
    [Theory, Engines]
    public async Task Closing_needs_the_password_and_one_explicit_choice(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var zeb = await app.SignUpAsync();
        var missing = await Api.ProblemAsync(zeb.PostAsync("/api/v1/me/close", new { password = World.Password }), HttpStatusCode.BadRequest, "validation_failed");
        Assert.NotNull(missing["errors"]!["choice"]);
        var unknown = await Api.ProblemAsync(zeb.PostAsync("/api/v1/me/close", new { password = World.Password, choice = "both" }), HttpStatusCode.BadRequest, "validation_failed");
        Assert.NotNull(unknown["errors"]!["choice"]);
        var wrong = await Api.ProblemAsync(zeb.PostAsync("/api/v1/me/close", new { password = "not the password", choice = "anonymize" }), HttpStatusCode.BadRequest, "validation_failed");
        Assert.NotNull(wrong["errors"]!["password"]);
        await Api.ProblemAsync(zeb.SendRawAsync(HttpMethod.Post, "/api/v1/me/close", "{\"choice\":"), HttpStatusCode.BadRequest);
        await Api.ProblemAsync(app.Anonymous().PostAsync("/api/v1/me/close", new { password = World.Password, choice = "anonymize" }), HttpStatusCode.Unauthorized);
        // Nothing changed: still open, still signed in.
        await zeb.GetOkAsync("/api/v1/me");
        Assert.Null(await app.WithDbAsync(db => db.Users.Where(u => u.Id == zeb.UserId).Select(u => u.ClosedAt).FirstAsync()));
    }

    [Theory, Engines]
    public async Task Closing_signs_out_everywhere_and_restoring_within_the_grace_period_brings_it_back(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync();
        var zeb = await app.SignUpAsync();
        var org = await alice.CreateOrganizationAsync();
        await alice.InviteAndAcceptAsync($"/api/v1/organizations/{org}", zeb);
        var token = await zeb.PostOkAsync("/api/v1/me/tokens", new { name = "script" });
        var closed = await zeb.PostOkAsync("/api/v1/me/close", new { password = World.Password, choice = "anonymize" });
        Assert.Equal("Anonymize", closed["choice"]!.GetValue<string>(), ignoreCase: true);
        var purgeAfter = closed["purgeAfter"]!.GetValue<DateTime>();
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime.AddDays(30), purgeAfter, TimeSpan.FromSeconds(5));

        await Api.ProblemAsync(zeb.GetAsync("/api/v1/me"), HttpStatusCode.Unauthorized);
        var bearer = app.CreateClient();
        bearer.DefaultRequestHeaders.Authorization = new("Bearer", token["secret"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Unauthorized, (await bearer.GetAsync("/api/v1/me")).StatusCode);
        var members = await alice.GetOkAsync($"/api/v1/organizations/{org}/members");
        Assert.DoesNotContain(members["items"]!.AsArray(), m => m!["user"]!["id"]!.GetValue<Guid>() == zeb.UserId);

        var login = new { login = zeb.User!.UserName, password = World.Password, mode = "token" };
        var refused = await Api.ProblemAsync(app.Anonymous().PostAsync("/api/v1/auth/login", login), HttpStatusCode.Forbidden, "account_closed");
        Assert.Equal(purgeAfter, refused["errors"]!["purgeAfter"]![0]!.GetValue<DateTime>().ToUniversalTime(), TimeSpan.FromSeconds(1));
        // Only the right password learns the account is closed.
        await Api.ProblemAsync(app.Anonymous().PostAsync("/api/v1/auth/login", new { login = zeb.User.UserName, password = "wrong password!" }), HttpStatusCode.Unauthorized, "invalid_credentials");
        await Api.ProblemAsync(app.Anonymous().PostAsync("/api/v1/auth/restore", new { login = zeb.User.UserName, password = "wrong password!" }), HttpStatusCode.Unauthorized, "invalid_credentials");

        var restored = await app.Anonymous().PostOkAsync("/api/v1/auth/restore", login);
        var again = app.CreateClient();
        again.DefaultRequestHeaders.Authorization = new("Bearer", restored["token"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/v1/me")).StatusCode);
        members = await alice.GetOkAsync($"/api/v1/organizations/{org}/members");
        Assert.Contains(members["items"]!.AsArray(), m => m!["user"]!["id"]!.GetValue<Guid>() == zeb.UserId);
        await app.Anonymous().PostOkAsync("/api/v1/auth/login", login);
        var actions = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.SubjectUserId == zeb.UserId).Select(a => a.Action).ToListAsync());
        Assert.Contains("account.closed", actions);
        Assert.Contains("account.restored", actions);
    }

    [Theory, Engines]
    public async Task Closing_twice_at_once_closes_once(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var zeb = await app.SignUpAsync();
        var calls = Enumerable.Range(0, 4).Select(_ => zeb.PostAsync("/api/v1/me/close", new { password = World.Password, choice = "deleteEverything" })).ToList();
        var responses = await Task.WhenAll(calls);
        // Those that authenticated before the first closing revoked the session answer the same state; the rest are signed out.
        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Unauthorized, r.StatusCode.ToString()));
        var dates = new HashSet<string>();
        foreach (var r in responses.Where(r => r.StatusCode == HttpStatusCode.OK))
            dates.Add(System.Text.Json.Nodes.JsonNode.Parse(await r.Content.ReadAsStringAsync())!["purgeAfter"]!.GetValue<string>());
        Assert.Single(dates);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.SubjectUserId == zeb.UserId && a.Action == "account.closed")));
    }

    [Theory, Engines]
    public async Task The_only_manager_of_an_organization_hands_over_before_closing(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var zeb = await app.SignUpAsync();
        var bob = await app.SignUpAsync();
        var name = World.UniqueName("Zeb's club ");
        var org = await zeb.CreateOrganizationAsync(name);
        await zeb.InviteAndAcceptAsync($"/api/v1/organizations/{org}", bob);
        var refused = await Api.ProblemAsync(zeb.PostAsync("/api/v1/me/close", new { password = World.Password, choice = "anonymize" }), HttpStatusCode.Conflict, "sole_manager");
        Assert.Equal(name, refused["errors"]!["organizations"]![0]!.GetValue<string>());
        await zeb.GetOkAsync("/api/v1/me");

        await zeb.PatchOkAsync($"/api/v1/organizations/{org}/members/{bob.UserId}", new { role = "manager" });
        await zeb.PostOkAsync("/api/v1/me/close", new { password = World.Password, choice = "anonymize" });
    }

    [Theory, Engines]
    public async Task After_the_grace_period_the_account_cannot_be_restored_and_a_new_instance_purges_it(Engine engine)
    {
        using var first = new EnclaveApp(engine);
        var w = await ClosingWorld.BuildAsync(first);
        await w.CloseAsync("deleteEverything");
        Assert.Equal(0, await ClosingWorld.PurgeAsync(first)); // still within the grace period
        first.Clock.Advance(TimeSpan.FromDays(30) + TimeSpan.FromMinutes(1));
        var login = new { login = w.Zeb.User!.UserName, password = World.Password };
        await Api.ProblemAsync(first.Anonymous().PostAsync("/api/v1/auth/restore", login), HttpStatusCode.Gone, "account_purged");

        // A restart: another instance on the same database, whose job runs on its own schedule.
        using var second = new EnclaveApp(engine, new Dictionary<string, string?> { ["Privacy:PurgeInterval"] = "00:00:00.200" }, first.ConnectionString);
        second.Clock.Advance(TimeSpan.FromDays(31));
        _ = second.Services;
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (await second.WithDbAsync(db => db.Users.AnyAsync(u => u.Id == w.Zeb.UserId)) && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        Assert.False(await second.WithDbAsync(db => db.Users.AnyAsync(u => u.Id == w.Zeb.UserId)));
        Assert.True(await second.WithDbAsync(db => db.Posts.AnyAsync(p => p.Id == w.AlicePost)));
        await Api.ProblemAsync(second.Anonymous().PostAsync("/api/v1/auth/login", login), HttpStatusCode.Unauthorized, "invalid_credentials");
        Assert.Equal(0, await ClosingWorld.PurgeAsync(second)); // nothing runs twice
    }
}
