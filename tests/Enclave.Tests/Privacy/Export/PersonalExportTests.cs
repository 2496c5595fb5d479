using System.Net;
using Enclave.Server.Data;
using Enclave.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Enclave.Tests.Privacy.Export;

public sealed class PersonalExportTests
{
    [Theory, Engines]
    public async Task The_archive_holds_what_the_person_authored_and_nothing_of_others(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var s = await Exports.SceneAsync(app);
        var started = await s.Alice.OkAsync(s.Alice.PostAsync("/api/v1/me/exports"));
        Assert.Equal("queued", started["status"]!.GetValue<string>());
        var ready = await Exports.WaitReadyAsync(app, s.Alice, "/api/v1/me/exports");
        Assert.Equal(100, ready["percent"]!.GetValue<int>());
        Assert.NotNull(ready["expiresAt"]);
        using var zip = Exports.Open(await Exports.DownloadAsync(s.Alice, ready["downloadUrl"]!.GetValue<string>()));

        // README and manifest list every file of the archive.
        var names = zip.Entries.Select(e => e.FullName).ToList();
        var readme = Exports.Text(zip, "README.md");
        var manifest = Exports.Json(zip, "manifest.json");
        Assert.Equal("personal", manifest["kind"]!.GetValue<string>());
        Assert.Equal(1, manifest["formatVersion"]!.GetValue<int>());
        var listed = manifest["files"]!.AsArray().Select(f => f!["path"]!.GetValue<string>()).ToHashSet();
        foreach (var name in names)
        {
            Assert.Contains($"`{name}`", readme);
            Assert.Contains(name, listed);
        }
        foreach (var file in new[] { "profile.json", "memberships.json", "posts.json", "comments.json", "reactions.json", "attachments.json",
            "notification-settings.json", "sessions.json", "invitations.json", "join-requests.json", "exports/exports.json" })
            Assert.Contains(file, names);

        var profile = Exports.Json(zip, "profile.json");
        Assert.Equal(s.Alice.User!.UserName, profile["userName"]!.GetValue<string>());
        Assert.Equal(s.Alice.User!.Email, profile["email"]!.GetValue<string>());
        Assert.Equal("Alice", profile["firstName"]!.GetValue<string>());

        var memberships = Exports.Json(zip, "memberships.json");
        Assert.Contains(memberships["organizations"]!.AsArray(), o => o!["organizationId"]!.GetValue<Guid>() == s.Org && o["role"]!.GetValue<string>() == "manager");
        Assert.Contains(memberships["spheres"]!.AsArray(), o => o!["sphereId"]!.GetValue<Guid>() == s.Sphere && o["role"]!.GetValue<string>() == "administrator");

        var posts = Exports.Json(zip, "posts.json").AsArray();
        Assert.Equal(2, posts.Count);
        var post = posts.Single(p => p!["id"]!.GetValue<Guid>() == s.Post)!;
        Assert.StartsWith("Kick-off **notes** v2", post["body"]!.GetValue<string>());
        Assert.Equal("idea", post["style"]!.GetValue<string>());
        Assert.Equal(["launch"], post["tags"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.StartsWith("Kick-off **notes** for", post["revisions"]!.AsArray().Single()!["body"]!.GetValue<string>());
        Assert.Equal(2, post["commentCount"]!.GetValue<int>());
        Assert.True(posts.Single(p => p!["id"]!.GetValue<Guid>() == s.AlicePrivatePost)!["isPrivate"]!.GetValue<bool>());

        var comments = Exports.Json(zip, "comments.json").AsArray();
        Assert.Equal("Alice adds a comment", comments.Single()!["body"]!.GetValue<string>());
        Assert.Equal("thanks", Exports.Json(zip, "reactions.json").AsArray().Single()!["kind"]!.GetValue<string>());
        var attachment = Exports.Json(zip, "attachments.json").AsArray().Single()!;
        Assert.Equal("plan.pdf", attachment["fileName"]!.GetValue<string>());
        Assert.Equal(s.File, Exports.Bytes(zip, attachment["file"]!.GetValue<string>()));
        Assert.NotEmpty(Exports.Json(zip, "sessions.json").AsArray());

        Assert.DoesNotContain(s.BobPrivatePost.ToString(), Exports.Text(zip, "posts.json"));
        // Nothing written by Bob: not his private post, not his comment on Alice's post.
        foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".json")))
        {
            var text = Exports.Text(zip, entry.FullName);
            Assert.DoesNotContain("zebra", text);
            Assert.DoesNotContain("giraffe", text);
            Assert.DoesNotContain(s.Alice.User!.Token, text);
        }
    }

    [Theory, Engines]
    public async Task Asking_twice_at_once_starts_one_job(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync();
        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => alice.PostAsync("/api/v1/me/exports")));
        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK, a.StatusCode.ToString()));
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Accepted);
        var ids = new HashSet<Guid>();
        foreach (var a in answers) ids.Add((await alice.OkAsync(Task.FromResult(a)))["id"]!.GetValue<Guid>());
        Assert.Single(ids);
        Assert.Single((await alice.GetOkAsync("/api/v1/me/exports")).AsArray());

        // Once it is built, a new request starts a new export.
        await Exports.WaitReadyAsync(app, alice, "/api/v1/me/exports");
        using var again = await alice.PostAsync("/api/v1/me/exports");
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
    }

    [Fact]
    public async Task An_archive_expires_after_seven_days_and_is_deleted()
    {
        using var app = new EnclaveApp(Engine.Sqlite, new Dictionary<string, string?> { ["Exports:PollSeconds"] = "3600" });
        var alice = await app.SignUpAsync();
        await alice.PostOkAsync("/api/v1/me/exports");
        var ready = await Exports.WaitReadyAsync(app, alice, "/api/v1/me/exports");
        var url = ready["downloadUrl"]!.GetValue<string>();
        app.Clock.Advance(TimeSpan.FromDays(6));
        Assert.NotEmpty(await Exports.DownloadAsync(alice, url));
        app.Clock.Advance(TimeSpan.FromDays(1.1));
        await Api.ProblemAsync(alice.GetAsync(url), HttpStatusCode.Gone, "export_expired");
        await app.Services.GetRequiredService<Enclave.Server.Privacy.Export.ExportJobs>().RunDueAsync(CancellationToken.None);
        using var scope = app.Services.CreateScope();
        var row = await scope.ServiceProvider.GetRequiredService<EnclaveDb>().DataExports.SingleAsync(e => e.UserId == alice.UserId);
        Assert.Equal(Enclave.Server.Privacy.Export.ExportStatus.Expired, row.Status);
        Assert.Null(row.BlobKey);
        Assert.Equal("expired", (await alice.GetOkAsync("/api/v1/me/exports")).AsArray()[0]!["status"]!.GetValue<string>());
        // The audit trail holds the request and the download.
        var actions = await scope.ServiceProvider.GetRequiredService<EnclaveDb>().AuditEntries.Where(e => e.ActorId == alice.UserId).Select(e => e.Action).ToListAsync();
        Assert.Contains("export.requested", actions);
        Assert.Contains("export.downloaded", actions);
    }

    [Theory, Engines]
    public async Task Someone_else_s_export_is_invisible(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync();
        var eve = await app.SignUpAsync();
        var started = await alice.PostOkAsync("/api/v1/me/exports");
        var id = started["id"]!.GetValue<Guid>();
        await Api.ProblemAsync(eve.GetAsync($"/api/v1/me/exports/{id}"), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(eve.GetAsync($"/api/v1/me/exports/{id}/download"), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(app.Anonymous().PostAsync("/api/v1/me/exports"), HttpStatusCode.Unauthorized, "unauthenticated");
        Assert.Empty((await eve.GetOkAsync("/api/v1/me/exports")).AsArray());
    }

    [Fact]
    public async Task A_job_whose_person_is_gone_gives_up_cleanly()
    {
        using var app = new EnclaveApp(Engine.Sqlite, new Dictionary<string, string?> { ["Exports:PollSeconds"] = "3600" });
        var alice = await app.SignUpAsync();
        await alice.PostOkAsync("/api/v1/me/exports");
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<EnclaveDb>();
            // As if the account were purged while the job waited (the row survives a missing cascade).
            await db.Database.OpenConnectionAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA foreign_keys = OFF");
            await db.Users.Where(u => u.Id == alice.UserId).ExecuteDeleteAsync();
        }
        await app.Services.GetRequiredService<Enclave.Server.Privacy.Export.ExportJobs>().RunDueAsync(CancellationToken.None);
        using var check = app.Services.CreateScope();
        Assert.False(await check.ServiceProvider.GetRequiredService<EnclaveDb>().DataExports.AnyAsync(e => e.UserId == alice.UserId));
    }

    [Theory, Engines]
    public async Task Closing_the_account_erases_its_exports_and_archives(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var alice = await app.SignUpAsync();
        await alice.PostOkAsync("/api/v1/me/exports");
        await Exports.WaitReadyAsync(app, alice, "/api/v1/me/exports");
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EnclaveDb>();
        var key = await db.DataExports.Where(e => e.UserId == alice.UserId).Select(e => e.BlobKey).SingleAsync();
        var erasure = new Enclave.Server.Privacy.PersonalDataErasure(db, alice.UserId, Enclave.Server.Privacy.ClosingChoice.DeleteEverything);
        foreach (var eraser in scope.ServiceProvider.GetServices<Enclave.Server.Privacy.IPersonalDataEraser>().OfType<Enclave.Server.Privacy.Export.DataExportPersonalData>())
            await eraser.EraseAsync(erasure, CancellationToken.None);
        await db.SaveChangesAsync();
        Assert.False(await db.DataExports.AnyAsync(e => e.UserId == alice.UserId));
        Assert.Contains(erasure.BlobsToDelete, b => b.Key == key);
    }
}
