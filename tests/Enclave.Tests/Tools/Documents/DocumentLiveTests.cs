using Enclave.Tests.Posts;
using Enclave.Tests.Support;

namespace Enclave.Tests.Tools.Documents;

public sealed class DocumentLiveTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Theory, Engines]
    public async Task Changes_reach_the_spheres_readers_and_nobody_else(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (alice, bob, outsider, _, sphere) = await PostEndpointsTests.SphereWithTwoMembersAsync(app);
        await using var bobStream = (await EventStream.OpenAsync(bob)).Stream;
        await using var outsiderStream = (await EventStream.OpenAsync(outsider)).Stream;

        var file = (await alice.UploadOkAsync(sphere, "live.txt", Docs.Bytes(30, 11))).Id();
        var (created, _) = await bobStream.WaitForAsync("documents.changed", file.ToString(), Wait);
        Assert.NotNull(created);
        Assert.Contains(sphere.ToString(), created!.Value.Data);
        await alice.PostOkAsync($"/api/v1/documents/files/{file}/rename", new { name = "renamed.txt" });
        Assert.NotNull((await bobStream.WaitForAsync("documents.changed", file.ToString(), Wait)).Match);

        // A sentinel the outsider may see: by the time it arrives, a leaked event would have arrived before it.
        var own = await outsider.CreateSphereAsync(await outsider.CreateOrganizationAsync());
        var sentinel = (await outsider.UploadOkAsync(own, "mine.txt", Docs.Bytes(30, 12))).Id();
        var (seenSentinel, seen) = await outsiderStream.WaitForAsync("documents.changed", sentinel.ToString(), Wait);
        Assert.NotNull(seenSentinel);
        Assert.DoesNotContain(seen, e => e.Data.Contains(file.ToString(), StringComparison.Ordinal) || e.Data.Contains(sphere.ToString(), StringComparison.Ordinal));
    }
}
