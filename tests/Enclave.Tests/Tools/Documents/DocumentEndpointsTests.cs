using System.Net;
using System.Net.Http.Headers;
using Enclave.Tests.Posts;
using Enclave.Tests.Support;

namespace Enclave.Tests.Tools.Documents;

public sealed class DocumentEndpointsTests
{
    [Theory, Engines]
    public async Task Folders_and_files_are_listed_downloaded_and_hidden_from_outsiders(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, bob, outsider, _, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(app);
        var folder = (await alice.PostOkAsync($"/api/v1/spheres/{sphere}/documents/folders", new { name = "Reports" })).Id();
        var pdf = Docs.Pdf(2000);
        var file = await alice.UploadOkAsync(sphere, "Q3 report.pdf", pdf, folder);
        Assert.Equal("application/pdf", file["contentType"]!.GetValue<string>());
        Assert.Equal(1, file["version"]!.GetValue<int>());

        var root = await bob.GetOkAsync($"/api/v1/spheres/{sphere}/documents");
        Assert.Equal([folder], root["folders"]!.AsArray().Select(f => f!.Id()));
        Assert.Empty(root["items"]!.AsArray());
        var inside = await bob.GetOkAsync($"/api/v1/spheres/{sphere}/documents?folderId={folder}");
        Assert.Equal([file.Id()], inside["items"]!.AsArray().Select(f => f!.Id()));
        Assert.Equal("Reports", inside["path"]![0]!["name"]!.GetValue<string>());

        using (var response = await bob.GetAsync($"/api/v1/documents/files/{file.Id()}/content"))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
            Assert.Equal("inline", response.Content.Headers.ContentDisposition!.DispositionType);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal(pdf, await response.Content.ReadAsByteArrayAsync());
        }
        using (var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/documents/files/{file.Id()}/content"))
        {
            request.Headers.Range = new RangeHeaderValue(100, 199);
            using var response = await bob.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
            Assert.Equal(pdf[100..200], await response.Content.ReadAsByteArrayAsync());
        }

        // The outsider belongs to the organization, not the sphere: not found everywhere, nothing leaks.
        await Api.ProblemAsync(outsider.GetAsync($"/api/v1/spheres/{sphere}/documents"), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(outsider.GetAsync($"/api/v1/documents/files/{file.Id()}"), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(outsider.GetAsync($"/api/v1/documents/files/{file.Id()}/content"), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(outsider.GetAsync($"/api/v1/documents/files/{file.Id()}/versions"), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(outsider.GetAsync($"/api/v1/spheres/{sphere}/documents/search?q=report"), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(outsider.UploadAsync(sphere, "x.txt", Docs.Bytes(10, 1)), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(outsider.PostAsync($"/api/v1/documents/files/{file.Id()}/rename", new { name = "mine" }), HttpStatusCode.NotFound, "not_found");
        // A folder of another sphere is not a target.
        var other = await alice.CreateSphereAsync(null);
        await Api.ProblemAsync(alice.PostAsync($"/api/v1/documents/files/{file.Id()}/move", new { folderId = (await alice.PostOkAsync($"/api/v1/spheres/{other}/documents/folders", new { name = "Elsewhere" })).Id() }),
            HttpStatusCode.UnprocessableEntity, "folder_not_found");
    }

    [Theory, Engines]
    public async Task Versions_are_added_listed_downloaded_and_restored(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, bob, _, _, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(app);
        var first = Docs.Bytes(300, 1);
        var second = Docs.Bytes(400, 2);
        var file = (await alice.UploadOkAsync(sphere, "notes.txt", first)).Id();
        var v2 = await bob.OkAsync(bob.NewVersionAsync(file, second));
        Assert.Equal(2, v2["number"]!.GetValue<int>());
        Assert.Equal(second, await alice.DownloadOkAsync($"/api/v1/documents/files/{file}/content"));
        Assert.Equal(first, await alice.DownloadOkAsync($"/api/v1/documents/files/{file}/versions/1/content"));

        var restored = await alice.PostOkAsync($"/api/v1/documents/files/{file}/versions/1/restore");
        Assert.Equal(3, restored["number"]!.GetValue<int>());
        Assert.Equal(1, restored["restoredFrom"]!.GetValue<int>());
        Assert.Equal(first, await bob.DownloadOkAsync($"/api/v1/documents/files/{file}/content"));
        var versions = await bob.GetOkAsync($"/api/v1/documents/files/{file}/versions");
        Assert.Equal([3, 2, 1], versions["items"]!.AsArray().Select(v => v!["number"]!.GetValue<int>()));
        Assert.True(versions["items"]![0]!["current"]!.GetValue<bool>());
        var details = await bob.GetOkAsync($"/api/v1/documents/files/{file}");
        Assert.Equal(3, details["version"]!.GetValue<int>());
        Assert.Equal(300, details["size"]!.GetValue<long>());
        await Api.ProblemAsync(bob.GetAsync($"/api/v1/documents/files/{file}/versions/9/content"), HttpStatusCode.NotFound, "not_found");
    }

    [Theory, Engines]
    public async Task Concurrent_version_uploads_all_get_their_own_number(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, bob, _, _, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(app);
        var file = (await alice.UploadOkAsync(sphere, "plan.txt", Docs.Bytes(100, 0))).Id();
        var responses = await Task.WhenAll(Enumerable.Range(1, 6).Select(i => (i % 2 == 0 ? alice : bob).NewVersionAsync(file, Docs.Bytes(100 + i, i))));
        foreach (var response in responses) Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var versions = await alice.GetOkAsync($"/api/v1/documents/files/{file}/versions");
        Assert.Equal(Enumerable.Range(1, 7).Reverse(), versions["items"]!.AsArray().Select(v => v!["number"]!.GetValue<int>()).OrderDescending());
        Assert.Equal(7, (await alice.GetOkAsync($"/api/v1/documents/files/{file}"))["version"]!.GetValue<int>());
    }

    [Theory, Engines]
    public async Task Rename_move_and_folder_cycles(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, bob, _, _, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(app);
        var a = (await alice.PostOkAsync($"/api/v1/spheres/{sphere}/documents/folders", new { name = "A" })).Id();
        var b = (await alice.PostOkAsync($"/api/v1/spheres/{sphere}/documents/folders", new { name = "B", parentId = a })).Id();
        await Api.ProblemAsync(alice.PostAsync($"/api/v1/documents/folders/{a}/move", new { folderId = b }), HttpStatusCode.UnprocessableEntity, "folder_cycle");
        await Api.ProblemAsync(alice.PostAsync($"/api/v1/documents/folders/{a}/move", new { folderId = a }), HttpStatusCode.UnprocessableEntity, "folder_cycle");
        await alice.PostOkAsync($"/api/v1/documents/folders/{b}/move", new { folderId = (Guid?)null });
        await alice.PostOkAsync($"/api/v1/documents/folders/{a}/move", new { folderId = b });

        var file = (await bob.UploadOkAsync(sphere, "draft.txt", Docs.Bytes(50, 3))).Id();
        var renamed = await bob.PostOkAsync($"/api/v1/documents/files/{file}/rename", new { name = "../../etc/passwd" });
        Assert.Equal("passwd", renamed["name"]!.GetValue<string>());
        await Api.ProblemAsync(bob.PostAsync($"/api/v1/documents/files/{file}/rename", new { name = " " }), HttpStatusCode.BadRequest, "validation_failed");
        var moved = await bob.PostOkAsync($"/api/v1/documents/files/{file}/move", new { folderId = a });
        Assert.Equal(a, moved["folderId"]!.GetValue<Guid>());
        await Api.ProblemAsync(alice.DeleteAsync($"/api/v1/documents/folders/{a}"), HttpStatusCode.Conflict, "folder_not_empty");

        var found = await bob.GetOkAsync($"/api/v1/spheres/{sphere}/documents/search?q=PASS");
        Assert.Equal([file], found["items"]!.AsArray().Select(f => f!.Id()));
        Assert.Empty((await bob.GetOkAsync($"/api/v1/spheres/{sphere}/documents/search?q=nothing-like-it"))["items"]!.AsArray());
        await Api.ProblemAsync(bob.GetAsync($"/api/v1/spheres/{sphere}/documents/search?q="), HttpStatusCode.BadRequest, "validation_failed");
    }

    [Theory, Engines]
    public async Task Bad_names_empty_files_and_declared_types_follow_the_rules(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, _, _, _, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(app);
        var traversal = await alice.OkAsync(alice.UploadRawAsync(sphere, "../../etc/passwd", Docs.Bytes(20, 4)));
        Assert.Equal("passwd", traversal["name"]!.GetValue<string>());
        var control = await alice.OkAsync(alice.UploadRawAsync(sphere, "re\u0007port\u202Efdp.exe\n", Docs.Bytes(20, 5)));
        Assert.Equal("reportfdp.exe", control["name"]!.GetValue<string>());
        // Zero bytes: refused, stored nothing.
        await Api.ProblemAsync(alice.UploadAsync(sphere, "empty.txt", []), HttpStatusCode.BadRequest, "empty_file");
        // The declared type is never trusted: HTML claimed as an image is served as plain text, an image claimed as HTML as an image.
        var html = await alice.OkAsync(alice.UploadAsync(sphere, "page.png", "<script>alert(1)</script>"u8.ToArray(), declaredType: "image/png"));
        Assert.Equal("text/plain; charset=utf-8", html["contentType"]!.GetValue<string>());
        using (var response = await alice.GetAsync($"/api/v1/documents/files/{html.Id()}/content"))
            Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        var png = await alice.OkAsync(alice.UploadAsync(sphere, "photo.html", Docs.Png(), declaredType: "text/html"));
        Assert.Equal("image/png", png["contentType"]!.GetValue<string>());
        var listing = await alice.GetOkAsync($"/api/v1/spheres/{sphere}/documents");
        Assert.Equal(4, listing["items"]!.AsArray().Count);
    }

    [Theory, Engines]
    public async Task A_lock_blocks_others_until_released_or_expired(Engine engine)
    {
        using var app = new EnclaveApp(engine);
        var (alice, bob, _, _, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(app);
        var file = (await bob.UploadOkAsync(sphere, "budget.txt", Docs.Bytes(80, 6))).Id();
        var locked = await bob.PostOkAsync($"/api/v1/documents/files/{file}/lock");
        Assert.True(locked["lock"]!["mine"]!.GetValue<bool>());
        var seen = await alice.GetOkAsync($"/api/v1/documents/files/{file}");
        Assert.False(seen["lock"]!["mine"]!.GetValue<bool>());
        Assert.Equal(bob.UserId, seen["lock"]!["by"]!["id"]!.GetValue<Guid>());

        await Api.ProblemAsync(alice.NewVersionAsync(file, Docs.Bytes(90, 7)), HttpStatusCode.Conflict, "document_locked");
        await Api.ProblemAsync(alice.PostAsync($"/api/v1/documents/files/{file}/rename", new { name = "x.txt" }), HttpStatusCode.Conflict, "document_locked");
        await Api.ProblemAsync(alice.PostAsync($"/api/v1/documents/files/{file}/lock"), HttpStatusCode.Conflict, "document_locked");
        // Bob's own work goes on.
        await bob.OkAsync(bob.NewVersionAsync(file, Docs.Bytes(90, 8)));
        // Staff (Alice administers the sphere) may break the lock; then Bob's lock is gone.
        await alice.DeleteOkAsync($"/api/v1/documents/files/{file}/lock");
        Assert.Null((await bob.GetOkAsync($"/api/v1/documents/files/{file}"))["lock"]);
        await bob.PostOkAsync($"/api/v1/documents/files/{file}/lock");
        app.Clock.Advance(TimeSpan.FromHours(5));
        Assert.Null((await alice.GetOkAsync($"/api/v1/documents/files/{file}"))["lock"]);
        await alice.PostOkAsync($"/api/v1/documents/files/{file}/rename", new { name = "budget-2027.txt" });
    }

    [Theory, Engines]
    public async Task Trash_restore_and_purge_by_uploader_or_staff(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, bob, carol, _, org, sphere) = await PostEndpointsTests.SphereWithThreeMembersAsync(app);
        var file = (await bob.UploadOkAsync(sphere, "minutes.txt", Docs.Bytes(60, 9))).Id();
        await Api.ProblemAsync(carol.PostAsync($"/api/v1/documents/files/{file}/trash"), HttpStatusCode.Forbidden, "not_document_owner");
        await bob.PostOkAsync($"/api/v1/documents/files/{file}/trash");

        // Gone from listings, search, details and downloads; shown in the trash to the sphere's readers.
        Assert.Empty((await carol.GetOkAsync($"/api/v1/spheres/{sphere}/documents"))["items"]!.AsArray());
        Assert.Empty((await carol.GetOkAsync($"/api/v1/spheres/{sphere}/documents/search?q=minutes"))["items"]!.AsArray());
        await Api.ProblemAsync(carol.GetAsync($"/api/v1/documents/files/{file}"), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(carol.GetAsync($"/api/v1/documents/files/{file}/content"), HttpStatusCode.NotFound, "not_found");
        Assert.Equal([file], (await carol.GetOkAsync($"/api/v1/spheres/{sphere}/documents/trash"))["items"]!.AsArray().Select(f => f!.Id()));

        await Api.ProblemAsync(carol.PostAsync($"/api/v1/documents/files/{file}/restore"), HttpStatusCode.Forbidden, "not_document_owner");
        await alice.PostOkAsync($"/api/v1/documents/files/{file}/restore");
        Assert.Single((await carol.GetOkAsync($"/api/v1/spheres/{sphere}/documents"))["items"]!.AsArray());
        // Purging is for the trash only.
        await Api.ProblemAsync(bob.DeleteAsync($"/api/v1/documents/files/{file}"), HttpStatusCode.NotFound, "not_found");
        await bob.PostOkAsync($"/api/v1/documents/files/{file}/trash");
        Assert.Equal(HttpStatusCode.NoContent, (await bob.DeleteAsync($"/api/v1/documents/files/{file}")).StatusCode);
        Assert.Empty((await carol.GetOkAsync($"/api/v1/spheres/{sphere}/documents/trash"))["items"]!.AsArray());
    }

    [Theory, Engines]
    public async Task A_file_is_shared_in_the_feed_of_its_sphere_only(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, bob, _, _, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(app);
        var file = (await alice.UploadOkAsync(sphere, "handbook.pdf", Docs.Pdf(900))).Id();
        var post = await alice.PostOkAsync($"/api/v1/spheres/{sphere}/posts", new { body = "Read this", tool = new { kind = "document", id = file } });
        var seen = await bob.GetOkAsync($"/api/v1/posts/{post.Id()}");
        Assert.Equal("handbook.pdf", seen["tool"]!["title"]!.GetValue<string>());
        var other = await alice.CreateSphereAsync(null);
        await Api.ProblemAsync(alice.PostAsync($"/api/v1/spheres/{other}/posts", new { body = "Elsewhere", tool = new { kind = "document", id = file } }),
            HttpStatusCode.UnprocessableEntity, "tool_item_not_found");
    }
}
