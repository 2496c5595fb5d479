using Enclave.Server.Access;
using Enclave.Server.Posts;
using Microsoft.EntityFrameworkCore;
using Enclave.Tests.Posts;
using Enclave.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Enclave.Tests.Access;

/// <summary>The statements a home feed runs with a warm <see cref="ReadableSphereCache"/>.</summary>
[Collection(SqlCommandCounter.Collection)]
public sealed class ReadableSphereCacheSqlTests
{
    /// <summary>A warm cache spares the readable-spheres statement: the second feed read runs none.</summary>
    [Theory, Engines]
    public async Task A_second_home_feed_does_not_read_the_readable_spheres_again(Engine engine)
    {
        var app = EnclaveApp.Shared(engine);
        var (_, bob, _, _, _) = await PostEndpointsTests.SphereWithTwoMembersAsync(app);
        using var counter = new SqlCommandCounter();
        using var scope = app.Services.CreateScope();
        var feed = scope.ServiceProvider.GetRequiredService<HomeFeed>();
        var viewer = new Viewer(bob.UserId, false);
        // The rule's statement is the one that reads charter acceptances.
        Assert.Contains("charter_acceptances", scope.ServiceProvider.GetRequiredService<AccessGate>().ReadableSphereLabels(bob.UserId).ToQueryString());
        Task Read() => feed.PageAsync(viewer, null, null, 20, CancellationToken.None);
        await Read();
        // EF Core caches its logging configuration for up to a second per pooled context, so the
        // counter may miss a read; and another test's membership change between two reads moves the
        // generation and refills the cache. Bounded retries for both.
        var spared = false;
        for (var attempt = 0; attempt < 10 && !spared; attempt++)
        {
            var seen = await SqlCommandCounter.CaptureAsync(Read);
            if (!seen.Any(c => c.Contains("access_generation", StringComparison.Ordinal)))
            {
                await Task.Delay(TimeSpan.FromSeconds(1.2));
                continue;
            }
            spared = !seen.Any(c => c.Contains("charter_acceptances", StringComparison.Ordinal));
        }
        Assert.True(spared, "Every second home feed read the readable spheres again.");
    }
}
