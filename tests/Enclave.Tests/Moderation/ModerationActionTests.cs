using System.Net;
using Enclave.Server.Audit;
using Enclave.Server.Data;
using Enclave.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Enclave.Tests.Moderation;

public sealed class ModerationActionTests
{
    [Theory, Engines]
    public async Task Hidden_post_is_gone_for_members_but_not_for_moderators(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var w = await ModerationWorld.CreateAsync(app);
        var word = World.UniqueName("zqx");
        var post = await w.PostAsync(w.Bob, $"Offensive {word}");
        var report = await w.ReportPostAsync(w.Carol, post);
        var second = await w.ReportPostAsync(w.Alice, post, "illegal");
        var result = await w.Alice.PostOkAsync($"/api/v1/moderation/reports/{report}/actions", new { action = "hide" });
        Assert.Equal(2, result["reportsClosed"]!.GetValue<int>());

        foreach (var member in new[] { w.Carol, w.Bob })
        {
            await Api.ProblemAsync(member.GetAsync($"/api/v1/posts/{post}"), HttpStatusCode.NotFound, "not_found");
            var feed = await member.GetOkAsync($"/api/v1/spheres/{w.Sphere}/posts");
            Assert.DoesNotContain(feed["items"]!.AsArray(), p => p!["id"]!.GetValue<Guid>() == post);
            var search = await member.GetOkAsync($"/api/v1/search?q={word}");
            Assert.Empty(search["items"]!.AsArray());
            await Api.ProblemAsync(member.PostAsync($"/api/v1/posts/{post}/comments", new { body = "hello" }), HttpStatusCode.NotFound, "not_found");
        }
        await w.Alice.GetOkAsync($"/api/v1/posts/{post}");
        var handled = await w.Alice.GetOkAsync($"/api/v1/spheres/{w.Sphere}/moderation/reports?status=handled");
        Assert.All(handled["items"]!.AsArray(), i => Assert.Equal("hidden", i!["content"]!.GetValue<string>()));
        Assert.Equal(["hide"], await ModerationWorld.NoticesAsync(w.Carol, "report_handled"));
        await Api.ProblemAsync(w.Alice.PostAsync($"/api/v1/moderation/reports/{second}/dismiss"), HttpStatusCode.Conflict, "report_closed");
        await Api.ProblemAsync(w.Alice.PostAsync($"/api/v1/moderation/reports/{second}/actions", new { action = "warn", message = "Again?" }), HttpStatusCode.Conflict, "report_closed");

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<EnclaveDb>();
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == AuditActions.ContentHidden && a.TargetId == post && a.ActorId == w.Alice.UserId));
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == AuditActions.ReportCreated && a.TargetId == post && a.ActorId == w.Carol.UserId));
        }

        await w.Alice.PostOkAsync($"/api/v1/posts/{post}/moderation", new { action = "restore" });
        await w.Carol.GetOkAsync($"/api/v1/posts/{post}");
        await Api.ProblemAsync(w.Alice.PostAsync($"/api/v1/posts/{post}/moderation", new { action = "restore" }), HttpStatusCode.Conflict, "not_hidden");
        await Api.ProblemAsync(w.Carol.PostAsync($"/api/v1/posts/{post}/moderation", new { action = "hide" }), HttpStatusCode.Forbidden, "not_moderator");
    }

    [Theory, Engines]
    public async Task Hidden_and_deleted_comments(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var w = await ModerationWorld.CreateAsync(app);
        var post = await w.PostAsync(w.Alice, "Discuss");
        var comment = (await w.Bob.PostOkAsync($"/api/v1/posts/{post}/comments", new { body = "rude words" }))["id"]!.GetValue<Guid>();
        await w.Alice.PostOkAsync($"/api/v1/comments/{comment}/moderation", new { action = "hide" });
        Assert.Empty((await w.Carol.GetOkAsync($"/api/v1/posts/{post}/comments"))["items"]!.AsArray());
        Assert.Equal(0, (await w.Carol.GetOkAsync($"/api/v1/posts/{post}"))["commentCount"]!.GetValue<int>());
        Assert.Single((await w.Alice.GetOkAsync($"/api/v1/posts/{post}/comments"))["items"]!.AsArray());
        await w.Alice.PostOkAsync($"/api/v1/comments/{comment}/moderation", new { action = "delete" });
        await Api.ProblemAsync(w.Alice.PostAsync($"/api/v1/comments/{comment}/moderation", new { action = "delete" }), HttpStatusCode.NotFound, "not_found");
        Assert.Equal(0, (await w.Alice.GetOkAsync($"/api/v1/posts/{post}"))["commentCount"]!.GetValue<int>());
    }

    [Theory, Engines]
    public async Task Acting_on_deleted_content_is_a_clear_conflict_and_dismissing_tells_the_reporter(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var w = await ModerationWorld.CreateAsync(app);
        var post = await w.PostAsync(w.Bob, "Soon gone");
        var report = await w.ReportPostAsync(w.Carol, post);
        await w.Bob.DeleteOkAsync($"/api/v1/posts/{post}");
        await Api.ProblemAsync(w.Alice.PostAsync($"/api/v1/moderation/reports/{report}/actions", new { action = "delete" }), HttpStatusCode.Conflict, "content_gone");
        var open = await w.Alice.GetOkAsync($"/api/v1/spheres/{w.Sphere}/moderation/reports");
        Assert.Equal("deleted", open["items"]!.AsArray().Single()!["content"]!.GetValue<string>());
        await w.Alice.PostOkAsync($"/api/v1/moderation/reports/{report}/dismiss");
        await Api.ProblemAsync(w.Alice.PostAsync($"/api/v1/moderation/reports/{report}/dismiss"), HttpStatusCode.Conflict, "report_closed");
        Assert.Equal(["dismiss"], await ModerationWorld.NoticesAsync(w.Carol, "report_handled"));
        Assert.Empty((await w.Alice.GetOkAsync($"/api/v1/spheres/{w.Sphere}/moderation/reports"))["items"]!.AsArray());
    }

    [Theory, Engines]
    public async Task Delete_on_a_report_removes_the_post_and_tells_the_reporter(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var w = await ModerationWorld.CreateAsync(app);
        var post = await w.PostAsync(w.Bob, "Delete me");
        var report = await w.ReportPostAsync(w.Carol, post);
        await w.Alice.PostOkAsync($"/api/v1/moderation/reports/{report}/actions", new { action = "delete" });
        await Api.ProblemAsync(w.Alice.GetAsync($"/api/v1/posts/{post}"), HttpStatusCode.NotFound, "not_found");
        Assert.Equal(["delete"], await ModerationWorld.NoticesAsync(w.Carol, "report_handled"));
    }

    [Theory, Engines]
    public async Task Warned_and_muted_members(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var w = await ModerationWorld.CreateAsync(app);
        var post = await w.PostAsync(w.Alice, "Rules");
        var member = $"/api/v1/spheres/{w.Sphere}/members/{w.Bob.UserId}/moderation";
        await Api.ProblemAsync(w.Alice.PostAsync(member, new { action = "warn" }), HttpStatusCode.BadRequest, "validation_failed");
        await w.Alice.PostOkAsync(member, new { action = "warn", message = "Please stay courteous." });
        Assert.Equal(["Please stay courteous."], await ModerationWorld.NoticesAsync(w.Bob, "moderation_warning"));
        var list = await w.Bob.GetOkAsync("/api/v1/notifications");
        Assert.Null(list["items"]!.AsArray().First(n => n!["kind"]!.GetValue<string>() == "moderation_warning")!["actor"]);

        await Api.ProblemAsync(w.Alice.PostAsync(member, new { action = "mute", hours = 0 }), HttpStatusCode.BadRequest, "validation_failed");
        await Api.ProblemAsync(w.Carol.PostAsync(member, new { action = "mute", hours = 2 }), HttpStatusCode.Forbidden, "not_moderator");
        await w.Alice.PostOkAsync(member, new { action = "mute", hours = 2 });
        var muted = await Api.ProblemAsync(w.Bob.PostAsync($"/api/v1/spheres/{w.Sphere}/posts", new { body = "Let me speak" }), HttpStatusCode.Forbidden, "muted_until");
        Assert.NotNull(muted["errors"]!["until"]);
        await Api.ProblemAsync(w.Bob.PostAsync($"/api/v1/posts/{post}/comments", new { body = "Me too" }), HttpStatusCode.Forbidden, "muted_until");
        await Api.ProblemAsync(w.Bob.PostAsync($"/api/v1/posts/{post}/reactions/like"), HttpStatusCode.Forbidden, "muted_until");
        await w.Bob.GetOkAsync($"/api/v1/posts/{post}");
        await w.Carol.PostOkAsync($"/api/v1/posts/{post}/comments", new { body = "I can still talk" });
        app.Clock.Advance(TimeSpan.FromHours(3));
        await w.Bob.PostOkAsync($"/api/v1/posts/{post}/comments", new { body = "Back" });
    }

    [Theory, Engines]
    public async Task Removed_and_banned_members(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var w = await ModerationWorld.CreateAsync(app);
        await w.Alice.PostOkAsync($"/api/v1/spheres/{w.Sphere}/members/{w.Carol.UserId}/moderation", new { action = "remove" });
        await Api.ProblemAsync(w.Carol.GetAsync($"/api/v1/spheres/{w.Sphere}/posts"), HttpStatusCode.NotFound, "not_found");

        var post = await w.PostAsync(w.Bob, "Troll");
        await Api.ProblemAsync(w.Alice.PostAsync($"/api/v1/spheres/{w.Sphere}/members/{w.Alice.UserId}/moderation", new { action = "ban" }), HttpStatusCode.Conflict, "cannot_moderate_self");
        await w.Alice.PostOkAsync($"/api/v1/posts/{post}/moderation", new { action = "ban" });
        await Api.ProblemAsync(w.Bob.GetAsync($"/api/v1/spheres/{w.Sphere}/posts"), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(w.Bob.GetAsync($"/api/v1/organizations/{w.Org}"), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(w.Alice.PostAsync($"/api/v1/organizations/{w.Org}/invitations", new { userName = w.Bob.User!.UserName }), HttpStatusCode.Forbidden, "banned");
        var bans = await w.Alice.GetOkAsync($"/api/v1/organizations/{w.Org}/bans");
        Assert.Equal(w.Bob.UserId, bans.AsArray().Single()!["user"]!["id"]!.GetValue<Guid>());

        await w.Alice.DeleteAsync($"/api/v1/organizations/{w.Org}/bans/{w.Bob.UserId}");
        await w.Alice.InviteAndAcceptAsync($"/api/v1/organizations/{w.Org}", w.Bob);
        await Api.ProblemAsync(w.Alice.DeleteAsync($"/api/v1/organizations/{w.Org}/bans/{w.Bob.UserId}"), HttpStatusCode.NotFound, "not_found");
    }
}
