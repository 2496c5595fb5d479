using System.IO.Compression;
using System.Text.Json.Nodes;
using Enclave.Server.Privacy.Export;
using Enclave.Tests.Posts.Attachments;
using Enclave.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Enclave.Tests.Privacy.Export;

/// <summary>Steps shared by the export and import tests.</summary>
internal static class Exports
{
    /// <summary>Runs the export queue until the newest export in the list is ready (the worker may take it first; either way it finishes).</summary>
    public static async Task<JsonNode> WaitReadyAsync(EnclaveApp app, Api api, string listPath)
    {
        for (var i = 0; i < 500; i++)
        {
            await app.Services.GetRequiredService<ExportJobs>().RunDueAsync(CancellationToken.None);
            var newest = (await api.GetOkAsync(listPath)).AsArray()[0]!;
            var status = newest["status"]!.GetValue<string>();
            Assert.NotEqual("failed", status);
            if (status == "ready") return newest;
            await Task.Delay(20);
        }
        throw new TimeoutException("the export never became ready");
    }

    public static async Task<byte[]> DownloadAsync(Api api, string url)
    {
        using var response = await api.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    public static ZipArchive Open(byte[] bytes) => new(new MemoryStream(bytes), ZipArchiveMode.Read);

    public static JsonNode Json(ZipArchive zip, string path)
    {
        var entry = zip.GetEntry(path) ?? throw new Xunit.Sdk.XunitException($"{path} is missing from the archive");
        using var reader = new StreamReader(entry.Open());
        return JsonNode.Parse(reader.ReadToEnd())!;
    }

    public static string Text(ZipArchive zip, string path)
    {
        using var reader = new StreamReader(zip.GetEntry(path)!.Open());
        return reader.ReadToEnd();
    }

    public static byte[] Bytes(ZipArchive zip, string path)
    {
        using var stream = zip.GetEntry(path)!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>An organization with a sphere, two members, public and private posts, a comment, a reaction and a file.</summary>
    public static async Task<Scene> SceneAsync(EnclaveApp app)
    {
        var alice = await app.SignUpAsync(firstName: "Alice", lastName: "Exporter");
        var bob = await app.SignUpAsync(firstName: "Bob", lastName: "Colleague");
        var org = await alice.CreateOrganizationAsync();
        await alice.InviteAndAcceptAsync($"/api/v1/organizations/{org}", bob);
        var sphere = await alice.CreateSphereAsync(org);
        await alice.InviteAndAcceptAsync($"/api/v1/spheres/{sphere}", bob);
        var file = Uploads.Pdf(2000);
        var upload = await alice.OkAsync(alice.UploadRawAsync(sphere, "plan.pdf", file));
        var post = await alice.PostOkAsync($"/api/v1/spheres/{sphere}/posts", new
        {
            body = $"Kick-off **notes** for @{bob.User!.UserName} #launch", style = "idea", attachmentIds = new[] { upload["id"]!.GetValue<Guid>() },
        });
        var postId = post["id"]!.GetValue<Guid>();
        await alice.PatchOkAsync($"/api/v1/posts/{postId}", new { body = $"Kick-off **notes** v2 for @{bob.User!.UserName} #launch" });
        var secret = await alice.PostOkAsync($"/api/v1/spheres/{sphere}/posts", new { body = "Alice private to Bob", @private = true, recipientIds = new[] { bob.UserId } });
        var bobsSecret = await bob.PostOkAsync($"/api/v1/spheres/{sphere}/posts", new { body = "Bob private thought zebra", @private = true, recipientIds = new[] { alice.UserId } });
        var aliceComment = await alice.PostOkAsync($"/api/v1/posts/{postId}/comments", new { body = "Alice adds a comment" });
        await bob.PostOkAsync($"/api/v1/posts/{postId}/comments", new { body = "Bob answers giraffe" });
        await bob.PostOkAsync($"/api/v1/posts/{postId}/reactions/like");
        await alice.PostOkAsync($"/api/v1/posts/{postId}/reactions/thanks");
        return new Scene(alice, bob, org, sphere, postId, secret["id"]!.GetValue<Guid>(), bobsSecret["id"]!.GetValue<Guid>(),
            aliceComment["id"]!.GetValue<Guid>(), upload["id"]!.GetValue<Guid>(), file);
    }
}

internal sealed record Scene(Api Alice, Api Bob, Guid Org, Guid Sphere, Guid Post, Guid AlicePrivatePost, Guid BobPrivatePost, Guid AliceComment, Guid Attachment, byte[] File);
