using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using Enclave.Server.Data;
using Enclave.Tests.Privacy.Export;
using Enclave.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Enclave.Tests.Privacy.Import;

public sealed class RoundTripTests
{
    private static async Task<Api> AdminAsync(EnclaveApp app, string? userName = null)
    {
        var admin = await app.SignUpAsync(userName);
        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<EnclaveDb>().Users.Where(u => u.Id == admin.UserId)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.IsPlatformAdmin, true));
        return admin;
    }

    private static Task<HttpResponseMessage> ImportAsync(Api admin, byte[] archive)
    {
        var content = new ByteArrayContent(archive);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        return admin.Http.PostAsync("/api/v1/admin/imports", content);
    }

    private static async Task<byte[]> ExportOrganizationAsync(EnclaveApp app, Scene s)
    {
        var started = await s.Alice.OkAsync(s.Alice.PostAsync($"/api/v1/organizations/{s.Org}/exports"));
        Assert.Equal("queued", started["status"]!.GetValue<string>());
        var ready = await Exports.WaitReadyAsync(app, s.Alice, $"/api/v1/organizations/{s.Org}/exports");
        return await Exports.DownloadAsync(s.Alice, ready["downloadUrl"]!.GetValue<string>());
    }

    [Theory, Engines]
    public async Task An_organization_moves_to_another_instance_with_its_content(Engine engine)
    {
        var source = EnclaveApp.Shared(engine);
        var s = await Exports.SceneAsync(source);
        var archive = await ExportOrganizationAsync(source, s);
        using (var zip = Exports.Open(archive))
        {
            Assert.Equal("organization", Exports.Json(zip, "manifest.json")["kind"]!.GetValue<string>());
            Assert.Equal(3, Exports.Json(zip, "posts.json").AsArray().Count);
            Assert.Contains("`people.json`", Exports.Text(zip, "README.md"));
        }

        using var target = new EnclaveApp(engine);
        var admin = await AdminAsync(target);
        // Alice already has an account there (same email): she is matched; Bob is created.
        var alice = await target.SignUpAsync(s.Alice.User!.UserName, "Alice", "Exporter");
        var result = await admin.OkAsync(ImportAsync(admin, archive));
        Assert.Equal(s.Org, result["organizationId"]!.GetValue<Guid>());
        Assert.Equal(1, result["peopleMatched"]!.GetValue<int>());
        Assert.Equal(1, result["peopleCreated"]!.GetValue<int>());

        var org = await alice.GetOkAsync($"/api/v1/organizations/{s.Org}");
        Assert.True(org["isManager"]?.GetValue<bool>() ?? true);
        var members = await alice.GetOkAsync($"/api/v1/organizations/{s.Org}/members");
        Assert.Contains(members["items"]!.AsArray(), m => m!["user"]!["userName"]!.GetValue<string>() == s.Bob.User!.UserName && m["role"]!.GetValue<string>() == "member");
        var sphereMembers = await alice.GetOkAsync($"/api/v1/spheres/{s.Sphere}/members");
        Assert.Equal(2, sphereMembers["items"]!.AsArray().Count);

        var post = await alice.GetOkAsync($"/api/v1/posts/{s.Post}");
        var original = await s.Alice.GetOkAsync($"/api/v1/posts/{s.Post}");
        Assert.Equal(original["body"]!.GetValue<string>(), post["body"]!.GetValue<string>());
        Assert.Equal(original["bodyHtml"]!.GetValue<string>(), post["bodyHtml"]!.GetValue<string>());
        Assert.Equal(["launch"], post["tags"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal(2, post["commentCount"]!.GetValue<int>());
        Assert.Equal(2, post["reactions"]!.AsArray().Sum(r => r!["count"]!.GetValue<int>()));
        var comments = await alice.GetOkAsync($"/api/v1/posts/{s.Post}/comments");
        Assert.Equal(["Alice adds a comment", "Bob answers giraffe"], comments["items"]!.AsArray().Select(c => c!["body"]!.GetValue<string>()).Order());
        var history = await alice.GetOkAsync($"/api/v1/posts/{s.Post}/history");
        Assert.Equal(2, history.AsArray().Count);
        Assert.True((await alice.GetOkAsync($"/api/v1/posts/{s.AlicePrivatePost}"))["isPrivate"]!.GetValue<bool>());
        Assert.Equal("Bob private thought zebra", (await alice.GetOkAsync($"/api/v1/posts/{s.BobPrivatePost}"))["body"]!.GetValue<string>());

        var attachment = post["attachments"]!.AsArray().Single()!;
        Assert.Equal("plan.pdf", attachment["fileName"]!.GetValue<string>());
        using var download = await alice.GetAsync(attachment["url"]!.GetValue<string>());
        Assert.Equal(s.File, await download.Content.ReadAsByteArrayAsync());

        // Bob's new account has no usable password until he resets it.
        await Api.ProblemAsync(target.Anonymous().PostAsync("/api/v1/auth/login", new { login = s.Bob.User!.UserName, password = World.Password, mode = "token" }), HttpStatusCode.Unauthorized);

        // Importing the same archive again collides with what is now there, and changes nothing.
        await Api.ProblemAsync(ImportAsync(admin, archive), HttpStatusCode.Conflict, "import_conflict");
        using var scope = target.Services.CreateScope();
        Assert.Equal(3, await scope.ServiceProvider.GetRequiredService<EnclaveDb>().Posts.CountAsync(p => p.OrganizationId == s.Org));
    }

    [Fact]
    public async Task A_bad_archive_is_refused_and_changes_nothing()
    {
        using var app = new EnclaveApp(Engine.Sqlite);
        var admin = await AdminAsync(app);
        var someone = await app.SignUpAsync();
        await Api.ProblemAsync(ImportAsync(someone, Zip(("manifest.json", "{}"))), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(ImportAsync(admin, "not a zip at all"u8.ToArray()), HttpStatusCode.BadRequest, "import_corrupt_archive");
        await Api.ProblemAsync(ImportAsync(admin, Zip(("README.md", "hello"))), HttpStatusCode.BadRequest, "import_missing_manifest");
        await Api.ProblemAsync(ImportAsync(admin, Zip(("manifest.json", """{"format":"enclave-export","formatVersion":99,"kind":"organization"}"""))),
            HttpStatusCode.BadRequest, "import_unsupported_version");
        await Api.ProblemAsync(ImportAsync(admin, Zip(("manifest.json", """{"format":"enclave-export","formatVersion":1,"kind":"personal"}"""))),
            HttpStatusCode.BadRequest, "import_not_organization");
        await Api.ProblemAsync(ImportAsync(admin, Zip(("manifest.json", """{"format":"enclave-export","formatVersion":1,"kind":"organization"}"""), ("organization.json", "[oops"))),
            HttpStatusCode.BadRequest, "import_invalid_file");

        // A real archive whose post points at a sphere that is not in it.
        var source = EnclaveApp.Shared(Engine.Sqlite);
        var s = await Exports.SceneAsync(source);
        var archive = await ExportOrganizationAsync(source, s);
        var broken = Rewrite(archive, "spheres.json", "[]");
        var problem = await Api.ProblemAsync(ImportAsync(admin, broken), HttpStatusCode.BadRequest, "import_invalid_content");
        Assert.NotNull(problem["errors"]);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EnclaveDb>();
        Assert.False(await db.Organizations.AnyAsync(o => o.Id == s.Org));
        Assert.False(await db.Users.AnyAsync(u => u.NormalizedEmail == s.Bob.User!.Email.ToLower()));
    }

    [Theory, Engines]
    public async Task Only_managers_export_an_organization(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var s = await Exports.SceneAsync(app);
        var outsider = await app.SignUpAsync();
        await Api.ProblemAsync(s.Bob.PostAsync($"/api/v1/organizations/{s.Org}/exports"), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(outsider.PostAsync($"/api/v1/organizations/{s.Org}/exports"), HttpStatusCode.NotFound, "not_found");
        await Api.ProblemAsync(s.Bob.GetAsync($"/api/v1/organizations/{s.Org}/exports"), HttpStatusCode.NotFound, "not_found");
        var started = await s.Alice.PostOkAsync($"/api/v1/organizations/{s.Org}/exports");
        await Api.ProblemAsync(s.Bob.GetAsync($"/api/v1/organizations/{s.Org}/exports/{started["id"]}/download"), HttpStatusCode.NotFound, "not_found");
        // A personal organization is not exported this way (its spheres are in the person's own export).
        using var scope = app.Services.CreateScope();
        var personal = await scope.ServiceProvider.GetRequiredService<EnclaveDb>().Users.Where(u => u.Id == s.Alice.UserId).Select(u => u.PersonalOrganizationId).SingleAsync();
        await Api.ProblemAsync(s.Alice.PostAsync($"/api/v1/organizations/{personal}/exports"), HttpStatusCode.NotFound, "not_found");
    }

    private static byte[] Zip(params (string Path, string Text)[] files)
    {
        var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (path, text) in files)
                using (var writer = new StreamWriter(zip.CreateEntry(path).Open())) writer.Write(text);
        return memory.ToArray();
    }

    private static byte[] Rewrite(byte[] archive, string path, string text)
    {
        var memory = new MemoryStream();
        memory.Write(archive);
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Update, leaveOpen: true))
        {
            zip.GetEntry(path)!.Delete();
            using var writer = new StreamWriter(zip.CreateEntry(path).Open());
            writer.Write(text);
        }
        return memory.ToArray();
    }
}
