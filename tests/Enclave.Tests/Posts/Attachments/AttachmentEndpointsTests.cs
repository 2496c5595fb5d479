using System.Net;
using System.Net.Http.Headers;
using Enclave.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Tests.Posts.Attachments;

public sealed class AttachmentEndpointsTests
{
    [Theory, Engines]
    public async Task A_member_downloads_what_was_attached_and_outsiders_get_404(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, bob, outsider, org, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(app);
        var png = Uploads.Png(4000);
        var uploaded = await alice.OkAsync(alice.UploadMultipartAsync(sphere, "Team photo.png", png));
        var id = uploaded["id"]!.GetValue<Guid>();
        Assert.Equal("image/png", uploaded["contentType"]!.GetValue<string>());
        Assert.Equal(png.Length, uploaded["size"]!.GetValue<long>());
        Assert.Equal(sphere, uploaded["sphereId"]!.GetValue<Guid>());
        var row = await app.WithDbAsync(db => db.Attachments.AsNoTracking().FirstAsync(a => a.Id == id));
        Assert.Equal((org, sphere, alice.UserId), (row.OrganizationId, row.SphereId, row.UploaderId));

        // Pending: only its uploader sees it.
        Assert.Equal(png, await alice.DownloadOkAsync(id));
        await Api.ProblemAsync(bob.GetAsync($"/api/v1/attachments/{id}"), HttpStatusCode.NotFound, "not_found");

        var post = await alice.PostWithAsync(sphere, id);
        var listed = Assert.Single(post["attachments"]!.AsArray())!;
        Assert.Equal(id, listed["id"]!.GetValue<Guid>());
        Assert.Equal("Team photo.png", listed["fileName"]!.GetValue<string>());
        Assert.Equal("image/png", listed["contentType"]!.GetValue<string>());
        Assert.Equal(png.Length, listed["size"]!.GetValue<long>());
        Assert.Equal($"/api/v1/attachments/{id}", listed["url"]!.GetValue<string>());
        var feed = await bob.GetOkAsync($"/api/v1/spheres/{sphere}/posts");
        Assert.Single(feed["items"]!.AsArray().Single(p => p!["id"]!.GetValue<Guid>() == post["id"]!.GetValue<Guid>())!["attachments"]!.AsArray());

        using (var response = await bob.GetAsync($"/api/v1/attachments/{id}"))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(png, await response.Content.ReadAsByteArrayAsync());
            Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            var disposition = response.Content.Headers.ContentDisposition!;
            Assert.Equal("inline", disposition.DispositionType);
            Assert.Contains("filename*=UTF-8''Team%20photo.png", response.Content.Headers.GetValues("Content-Disposition").Single());
        }
        await Api.ProblemAsync(outsider.GetAsync($"/api/v1/attachments/{id}"), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(app.Anonymous().GetAsync($"/api/v1/attachments/{id}"), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(bob.GetAsync($"/api/v1/attachments/{Guid.CreateVersion7()}"), HttpStatusCode.NotFound, "not_found");
    }

    [Theory, Engines]
    public async Task Only_people_who_write_in_the_sphere_upload(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (_, bob, outsider, _, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(app);
        await Api.ProblemAsync(outsider.UploadRawAsync(sphere, "a.png", Uploads.Png()), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(app.Anonymous().UploadRawAsync(sphere, "a.png", Uploads.Png()), HttpStatusCode.Unauthorized, "unauthenticated");
        await bob.UploadOkAsync(sphere, "a.png", Uploads.Png());
        // The declared type does not matter, nor does its absence.
        await bob.OkAsync(bob.UploadRawAsync(sphere, "b.png", Uploads.Png(), "video/mp4"));
        await bob.OkAsync(bob.Http.PostAsync($"/api/v1/spheres/{sphere}/attachments?filename=c.png", new ByteArrayContent(Uploads.Png())));
    }

    [Theory, Engines]
    public async Task Attachments_of_a_private_post_reach_only_its_recipients(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, bob, carol, _, org, sphere) = await PostEndpointsTests.SphereWithThreeMembersAsync(app);

        var id = await alice.UploadOkAsync(sphere, "salaries.pdf", Uploads.Pdf());
        var post = await alice.PostOkAsync($"/api/v1/spheres/{sphere}/posts", new { body = "For Bob only", recipientIds = new[] { bob.UserId }, attachmentIds = new[] { id } });
        Assert.Single(post["attachments"]!.AsArray());
        Assert.Equal(Uploads.Pdf(), await bob.DownloadOkAsync(id));
        await Api.ProblemAsync(carol.GetAsync($"/api/v1/attachments/{id}"), HttpStatusCode.NotFound, "not_found");
    }

    [Theory, Engines]
    public async Task The_type_comes_from_the_bytes_not_the_name_or_the_declared_type(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, bob, _, _, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(app);
        var pdf = await alice.OkAsync(alice.UploadRawAsync(sphere, "holiday.png", Uploads.Pdf(), "image/png"));
        Assert.Equal("application/pdf", pdf["contentType"]!.GetValue<string>());
        Assert.Equal("holiday.png", pdf["fileName"]!.GetValue<string>());
        var html = await alice.OkAsync(alice.UploadMultipartAsync(sphere, "page.html", "<script>alert(1)</script>"u8.ToArray(), "text/html"));
        Assert.Equal("text/plain; charset=utf-8", html["contentType"]!.GetValue<string>());
        var blob = await alice.OkAsync(alice.UploadRawAsync(sphere, "data.bin", [0x00, 0x01, 0x02, 0xFF]));
        Assert.Equal("application/octet-stream", blob["contentType"]!.GetValue<string>());

        var ids = new[] { pdf, html, blob }.Select(n => n["id"]!.GetValue<Guid>()).ToArray();
        await alice.PostWithAsync(sphere, ids);
        foreach (var (id, type) in ids.Zip(["application/pdf", "text/plain", "application/octet-stream"]))
        {
            using var response = await bob.GetAsync($"/api/v1/attachments/{id}");
            Assert.Equal(type, response.Content.Headers.ContentType!.MediaType);
            // Only raster images are shown inline; everything else is a download.
            Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        }
    }

    [Theory, Engines]
    public async Task File_names_are_sanitized(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, _, _, _, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(app);
        var traversal = await alice.OkAsync(alice.UploadRawAsync(sphere, "../../etc/passwd", "root:x:0:0\n"u8.ToArray()));
        Assert.Equal("passwd", traversal["fileName"]!.GetValue<string>());
        // The name never reaches the file system: the bytes sit under the blob folder, under a random key.
        var stored = await app.BlobPathAsync(traversal["id"]!.GetValue<Guid>());
        Assert.StartsWith(app.BlobRoot() + Path.DirectorySeparatorChar, stored);
        Assert.Matches("^[0-9a-f]{32}$", Path.GetFileName(stored));
        Assert.False(File.Exists(Path.GetFullPath(Path.Combine(app.BlobRoot(), "..", "..", "etc", "passwd"))));

        var multipart = await alice.OkAsync(alice.UploadMultipartAsync(sphere, "..\\..\\Windows\\win.ini", Uploads.Png()));
        Assert.Equal("win.ini", multipart["fileName"]!.GetValue<string>());
        var spoofed = await alice.OkAsync(alice.UploadRawAsync(sphere, "invoice\u202Egpj.exe\r\n", Uploads.Png()));
        Assert.Equal("invoicegpj.exe", spoofed["fileName"]!.GetValue<string>());
        var unicode = await alice.OkAsync(alice.UploadMultipartAsync(sphere, "résumé été.png", Uploads.Png()));
        Assert.Equal("résumé été.png", unicode["fileName"]!.GetValue<string>());
        var longName = await alice.OkAsync(alice.UploadRawAsync(sphere, new string('a', 500) + ".pdf", Uploads.Pdf()));
        Assert.Equal(new string('a', 196) + ".pdf", longName["fileName"]!.GetValue<string>());

        var id = unicode["id"]!.GetValue<Guid>();
        using var response = await alice.GetAsync($"/api/v1/attachments/{id}");
        Assert.Contains("filename*=UTF-8''r%C3%A9sum%C3%A9%20%C3%A9t%C3%A9.png", response.Content.Headers.GetValues("Content-Disposition").Single());
        Assert.Equal("résumé été.png", response.Content.Headers.ContentDisposition!.FileNameStar);
    }

    [Theory, Engines]
    public async Task Empty_files_and_missing_names_are_refused(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, _, _, _, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(app);
        var count = await app.WithDbAsync(db => db.Attachments.CountAsync(a => a.SphereId == sphere));
        await Api.ProblemAsync(alice.UploadRawAsync(sphere, "empty.txt", []), HttpStatusCode.BadRequest, "empty_file");
        await Api.ProblemAsync(alice.UploadMultipartAsync(sphere, "empty.png", []), HttpStatusCode.BadRequest, "empty_file");
        var problem = await Api.ProblemAsync(alice.UploadRawAsync(sphere, null, Uploads.Png()), HttpStatusCode.BadRequest, "validation_failed");
        Assert.NotNull(problem["errors"]!["filename"]);
        var noFile = new MultipartFormDataContent { { new StringContent("x"), "other" } };
        await Api.ProblemAsync(alice.Http.PostAsync($"/api/v1/spheres/{sphere}/attachments", noFile), HttpStatusCode.BadRequest, "validation_failed");
        // A multipart body cut off in the middle of the file (no closing boundary).
        var truncated = new StringContent("--XYZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\nhello, wor");
        truncated.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=XYZ");
        await Api.ProblemAsync(alice.Http.PostAsync($"/api/v1/spheres/{sphere}/attachments", truncated), HttpStatusCode.BadRequest, "malformed_multipart");
        Assert.Equal(count, await app.WithDbAsync(db => db.Attachments.CountAsync(a => a.SphereId == sphere)));
    }

    [Theory, Engines]
    public async Task Only_the_uploaders_own_pending_uploads_of_the_sphere_can_be_attached(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, bob, _, org, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(app);
        var other = await alice.CreateSphereAsync(org);
        var bobs = await bob.UploadOkAsync(sphere, "bob.png", Uploads.Png());
        var elsewhere = await alice.UploadOkAsync(other, "other.png", Uploads.Png());
        var mine = await alice.UploadOkAsync(sphere, "mine.png", Uploads.Png());

        var problem = await Api.ProblemAsync(alice.PostAsync($"/api/v1/spheres/{sphere}/posts", new { body = "Stolen", attachmentIds = new[] { mine, bobs } }),
            HttpStatusCode.UnprocessableEntity, "attachment_unavailable");
        Assert.Contains(bobs.ToString(), problem["errors"]!["attachmentIds"]!.ToJsonString());
        Assert.DoesNotContain(mine.ToString(), problem["errors"]!["attachmentIds"]!.ToJsonString());
        await Api.ProblemAsync(alice.PostAsync($"/api/v1/spheres/{sphere}/posts", new { body = "Elsewhere", attachmentIds = new[] { elsewhere } }),
            HttpStatusCode.UnprocessableEntity, "attachment_unavailable");
        await Api.ProblemAsync(alice.PostAsync($"/api/v1/spheres/{sphere}/posts", new { body = "Unknown", attachmentIds = new[] { Guid.CreateVersion7() } }),
            HttpStatusCode.UnprocessableEntity, "attachment_unavailable");
        // Nothing was written, and bob's upload is still his and still pending.
        var feed = await alice.GetOkAsync($"/api/v1/spheres/{sphere}/posts");
        Assert.Empty(feed["items"]!.AsArray());
        Assert.Equal(2, await app.WithDbAsync(db => db.Attachments.CountAsync(a => (a.Id == bobs || a.Id == mine) && a.PostId == null && a.AttachedAt == null)));

        await alice.PostWithAsync(sphere, mine);
        // Once attached, an upload cannot be attached again.
        await Api.ProblemAsync(alice.PostAsync($"/api/v1/spheres/{sphere}/posts", new { body = "Again", attachmentIds = new[] { mine } }),
            HttpStatusCode.UnprocessableEntity, "attachment_unavailable");
    }

    [Theory, Engines]
    public async Task Posts_racing_for_one_upload_get_it_once(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, _, _, _, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(app);
        var id = await alice.UploadOkAsync(sphere, "contested.png", Uploads.Png());
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            alice.PostAsync($"/api/v1/spheres/{sphere}/posts", new { body = $"Claim {i}", attachmentIds = new[] { id } })));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.UnprocessableEntity, r.StatusCode));
        // The losers wrote nothing: one post, holding the upload.
        var feed = (await alice.GetOkAsync($"/api/v1/spheres/{sphere}/posts"))["items"]!.AsArray();
        var post = Assert.Single(feed)!;
        Assert.Equal(id, Assert.Single(post["attachments"]!.AsArray())!["id"]!.GetValue<Guid>());
    }

    [Theory, Engines]
    public async Task Range_requests_return_the_requested_slice(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, bob, _, _, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(app);
        var pdf = Uploads.Pdf(10_000);
        var id = await alice.UploadOkAsync(sphere, "big.pdf", pdf);
        await alice.PostWithAsync(sphere, id);

        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/attachments/{id}");
        request.Headers.Range = new RangeHeaderValue(1000, 1999);
        using var response = await bob.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        var range = response.Content.Headers.ContentRange!;
        Assert.Equal((1000L, 1999L, (long)pdf.Length), (range.From!.Value, range.To!.Value, range.Length!.Value));
        Assert.Equal(pdf[1000..2000], await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("bytes", response.Headers.AcceptRanges.Single());

        var outsideRange = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/attachments/{id}");
        outsideRange.Headers.Range = new RangeHeaderValue(20_000, null);
        using var unsatisfiable = await bob.Http.SendAsync(outsideRange);
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, unsatisfiable.StatusCode);
    }

    [Theory, Engines]
    public async Task Deleting_a_post_deletes_its_attachments_and_their_files(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, bob, _, _, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(app);
        var first = await alice.UploadOkAsync(sphere, "one.png", Uploads.Png());
        var second = await alice.UploadOkAsync(sphere, "two.pdf", Uploads.Pdf());
        var post = (await alice.PostWithAsync(sphere, first, second))["id"]!.GetValue<Guid>();
        var files = new[] { await app.BlobPathAsync(first), await app.BlobPathAsync(second) };
        Assert.All(files, f => Assert.True(File.Exists(f)));

        await alice.DeleteOkAsync($"/api/v1/posts/{post}");
        Assert.All(files, f => Assert.False(File.Exists(f)));
        Assert.Equal(0, await app.WithDbAsync(db => db.Attachments.CountAsync(a => a.Id == first || a.Id == second)));
        await Api.ProblemAsync(bob.GetAsync($"/api/v1/attachments/{first}"), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(alice.GetAsync($"/api/v1/attachments/{second}"), HttpStatusCode.NotFound, "not_found");
    }
}
