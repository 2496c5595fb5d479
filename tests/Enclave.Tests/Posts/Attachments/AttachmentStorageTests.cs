using System.Net;
using Enclave.Server.Posts.Attachments;
using Enclave.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Enclave.Tests.Posts.Attachments;

/// <summary>Size limit and purge, each on its own app: they count every row and file, and move the clock.</summary>
public sealed class AttachmentStorageTests
{
    private const int MaxBytes = 4096;

    private static EnclaveApp NewApp(Engine engine) => new(engine, new Dictionary<string, string?> { ["Attachments:MaxBytes"] = MaxBytes.ToString() });

    [Theory, Engines]
    public async Task An_oversize_upload_is_413_and_stores_nothing(Engine engine)
    {
        using var app = NewApp(engine);
        var (alice, _, _, _, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(app);
        var tooBig = Uploads.Pdf(MaxBytes + 1);

        // Declared too large: refused before reading.
        await Api.ProblemAsync(alice.UploadRawAsync(sphere, "big.pdf", tooBig), HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
        await Api.ProblemAsync(alice.UploadMultipartAsync(sphere, "big.pdf", Uploads.Pdf(MaxBytes * 20)), HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
        // Streamed without a length: cut off while streaming, the partial blob deleted.
        var chunked = new StreamContent(new UnseekableStream(tooBig));
        await Api.ProblemAsync(alice.Http.PostAsync($"/api/v1/spheres/{sphere}/attachments?filename=big.pdf", chunked), HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
        // Multipart whose length fits the envelope but whose file part does not.
        await Api.ProblemAsync(alice.UploadMultipartAsync(sphere, "big.pdf", tooBig), HttpStatusCode.RequestEntityTooLarge, "payload_too_large");

        Assert.Equal(0, await app.WithDbAsync(db => db.Attachments.CountAsync()));
        Assert.Equal(0, app.BlobFileCount());

        // Exactly at the limit is fine.
        var id = await alice.UploadOkAsync(sphere, "fits.pdf", Uploads.Pdf(MaxBytes));
        Assert.Equal(Uploads.Pdf(MaxBytes), await alice.DownloadOkAsync(id));
        Assert.Equal(1, app.BlobFileCount());
    }

    [Theory, Engines]
    public async Task Unattached_uploads_are_purged_after_a_day_and_orphans_at_once(Engine engine)
    {
        using var app = NewApp(engine);
        var (alice, _, _, _, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(app);
        var stale = await alice.UploadOkAsync(sphere, "stale.png", Uploads.Png());
        var kept = await alice.UploadOkAsync(sphere, "kept.png", Uploads.Png());
        await alice.PostWithAsync(sphere, kept);
        var staleFile = await app.BlobPathAsync(stale);

        // (The app's own purge worker may run too: the checks look at what is left, not at who purged it.)
        app.Clock.Advance(TimeSpan.FromHours(23));
        await PurgeAsync(app);
        Assert.True(File.Exists(staleFile));
        var late = await alice.UploadOkAsync(sphere, "late.png", Uploads.Png());
        app.Clock.Advance(TimeSpan.FromHours(2));
        // Past its day, a pending upload can no longer be attached, nor downloaded.
        await Api.ProblemAsync(alice.PostAsync($"/api/v1/spheres/{sphere}/posts", new { body = "Too late", attachmentIds = new[] { stale } }),
            HttpStatusCode.UnprocessableEntity, "attachment_unavailable");
        await Api.ProblemAsync(alice.GetAsync($"/api/v1/attachments/{stale}"), HttpStatusCode.NotFound, "not_found");

        await PurgeAsync(app);
        Assert.False(File.Exists(staleFile));
        Assert.Equal([kept, late], (await app.WithDbAsync(db => db.Attachments.Select(a => a.Id).ToListAsync())).Order());
        Assert.Equal(2, app.BlobFileCount());

        // Posts deleted by a cascade (here: the sphere) leave orphans, purged on the next run.
        await alice.DeleteOkAsync($"/api/v1/spheres/{sphere}");
        await PurgeAsync(app);
        Assert.Equal([late], await app.WithDbAsync(db => db.Attachments.Select(a => a.Id).ToListAsync()));
        Assert.Equal(1, app.BlobFileCount());
        app.Clock.Advance(TimeSpan.FromDays(1));
        await PurgeAsync(app);
        Assert.Equal(0, await app.WithDbAsync(db => db.Attachments.CountAsync()));
        Assert.Equal(0, app.BlobFileCount());
    }

    private static async Task<int> PurgeAsync(EnclaveApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AttachmentPurge>().RunDueAsync(CancellationToken.None);
    }

    /// <summary>A body of unknown length, sent chunked.</summary>
    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
