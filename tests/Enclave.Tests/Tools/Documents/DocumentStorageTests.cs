using System.Net;
using Enclave.Server.Tools.Documents;
using Enclave.Tests.Posts;
using Enclave.Tests.Posts.Attachments;
using Enclave.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Enclave.Tests.Tools.Documents;

/// <summary>Size limit, quota, content addressing and purge, each on its own app: they count every row and stored file.</summary>
public sealed class DocumentStorageTests
{
    private const int MaxBytes = 4096;
    private const int Quota = 10_000;

    private static EnclaveApp NewApp(Engine engine) => new(engine, new Dictionary<string, string?>
    {
        ["Documents:MaxFileBytes"] = MaxBytes.ToString(), ["Documents:QuotaBytesPerOrganization"] = Quota.ToString(),
    });

    private static Task<int> ContentCountAsync(EnclaveApp app) => app.WithDbAsync(db => db.Set<DocumentContent>().CountAsync());
    private static Task<int> FileCountAsync(EnclaveApp app) => app.WithDbAsync(db => db.Set<DocumentFile>().CountAsync());

    [Theory, Engines]
    public async Task Oversize_and_over_quota_uploads_store_nothing(Engine engine)
    {
        using var app = NewApp(engine);
        var (alice, _, _, _, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(app);
        // Declared too large, and streamed without a declared length.
        await Api.ProblemAsync(alice.UploadAsync(sphere, "big.bin", Docs.Bytes(MaxBytes * 3, 1)), HttpStatusCode.RequestEntityTooLarge, "file_too_large");
        var chunked = new StreamContent(new UnseekableStream(Docs.Bytes(MaxBytes + 1, 2)));
        await Api.ProblemAsync(alice.Http.PostAsync($"/api/v1/spheres/{sphere}/documents/files?filename=big.bin", chunked), HttpStatusCode.RequestEntityTooLarge, "file_too_large");
        Assert.Equal(0, await FileCountAsync(app));
        Assert.Equal(0, app.BlobFileCount());

        // Two files fit (8,000 bytes); a third of new bytes would pass the 10,000-byte quota.
        var first = (await alice.UploadOkAsync(sphere, "a.bin", Docs.Bytes(MaxBytes, 3))).Id();
        await alice.UploadOkAsync(sphere, "b.bin", Docs.Bytes(MaxBytes, 4));
        await Api.ProblemAsync(alice.UploadAsync(sphere, "c.bin", Docs.Bytes(MaxBytes, 5)), (HttpStatusCode)507, "storage_quota_exceeded");
        await Api.ProblemAsync(alice.NewVersionAsync(first, Docs.Bytes(MaxBytes, 6)), (HttpStatusCode)507, "storage_quota_exceeded");
        Assert.Equal(2, await FileCountAsync(app));
        Assert.Equal(2, app.BlobFileCount());
        // The quota counts stored bytes: the same bytes again cost nothing and are accepted.
        var copy = await alice.UploadOkAsync(sphere, "a-copy.bin", Docs.Bytes(MaxBytes, 3));
        Assert.Equal(3, await FileCountAsync(app));
        Assert.Equal(2, app.BlobFileCount());
        Assert.Equal(Docs.Bytes(MaxBytes, 3), await alice.DownloadOkAsync($"/api/v1/documents/files/{copy.Id()}/content"));
        // A refused upload can simply be sent again once there is room.
        await alice.PostOkAsync($"/api/v1/documents/files/{copy.Id()}/trash");
        await alice.PostOkAsync($"/api/v1/documents/files/{first}/trash");
        Assert.Equal(HttpStatusCode.NoContent, (await alice.DeleteAsync($"/api/v1/documents/files/{copy.Id()}")).StatusCode);
        Assert.Equal(2, app.BlobFileCount());
        Assert.Equal(HttpStatusCode.NoContent, (await alice.DeleteAsync($"/api/v1/documents/files/{first}")).StatusCode);
        Assert.Equal(1, app.BlobFileCount());
        await alice.UploadOkAsync(sphere, "c.bin", Docs.Bytes(MaxBytes, 5));
        Assert.Equal(2, app.BlobFileCount());
    }

    [Theory, Engines]
    public async Task Identical_bytes_are_stored_once_per_organization_and_deleted_with_their_last_use(Engine engine)
    {
        using var app = NewApp(engine);
        var (alice, bob, _, _, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(app);
        var bytes = Docs.Bytes(1000, 7);
        // The same bytes uploaded at the same time by two people: one stored copy.
        var uploads = await Task.WhenAll(alice.UploadAsync(sphere, "one.txt", bytes), bob.UploadAsync(sphere, "two.txt", bytes), alice.UploadAsync(sphere, "three.txt", bytes));
        foreach (var response in uploads) Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var other = (await bob.UploadOkAsync(sphere, "other.txt", Docs.Bytes(1000, 8))).Id();
        // A version with those bytes, and restoring an old version, reuse the stored copies too.
        await bob.OkAsync(bob.NewVersionAsync(other, bytes));
        await bob.PostOkAsync($"/api/v1/documents/files/{other}/versions/1/restore");
        Assert.Equal(2, await ContentCountAsync(app));
        Assert.Equal(2, app.BlobFileCount());

        // Another organization's identical file is its own copy (storage is per organization).
        var elsewhere = await alice.CreateSphereAsync(null);
        await alice.UploadOkAsync(elsewhere, "mine.txt", bytes);
        Assert.Equal(3, app.BlobFileCount());

        // Purging files deletes the bytes only when nothing uses them any more.
        var ids = (await alice.GetOkAsync($"/api/v1/spheres/{sphere}/documents"))["items"]!.AsArray().Select(f => f!.Id()).Where(id => id != other).ToList();
        foreach (var id in ids)
        {
            await alice.PostOkAsync($"/api/v1/documents/files/{id}/trash");
            await alice.DeleteAsync($"/api/v1/documents/files/{id}");
        }
        Assert.Equal(3, app.BlobFileCount());
        await bob.PostOkAsync($"/api/v1/documents/files/{other}/trash");
        await bob.DeleteAsync($"/api/v1/documents/files/{other}");
        Assert.Equal(1, app.BlobFileCount());
        Assert.Equal(1, await ContentCountAsync(app));
    }

    [Theory, Engines]
    public async Task Bytes_left_by_a_deleted_sphere_are_swept(Engine engine)
    {
        using var app = NewApp(engine);
        var (alice, _, _, _, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(app);
        await alice.UploadOkAsync(sphere, "kept-until-sweep.txt", Docs.Bytes(500, 9));
        await alice.DeleteOkAsync($"/api/v1/spheres/{sphere}");
        Assert.Equal(0, await FileCountAsync(app));
        Assert.Equal(1, app.BlobFileCount());
        Assert.Equal(0, await SweepAsync(app));
        app.Clock.Advance(DocumentSweep.Grace + TimeSpan.FromMinutes(1));
        Assert.Equal(1, await SweepAsync(app));
        Assert.Equal(0, app.BlobFileCount());
        Assert.Equal(0, await ContentCountAsync(app));
    }

    private static async Task<int> SweepAsync(EnclaveApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DocumentSweep>().RunAsync(CancellationToken.None);
    }

    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
    }
}
