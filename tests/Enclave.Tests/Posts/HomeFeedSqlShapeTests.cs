using Enclave.Server.Access;
using Enclave.Server.Data;
using Enclave.Server.Posts;
using Enclave.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Enclave.Tests.Posts;

/// <summary>
/// The home feed's PostgreSQL statement keeps its shape: a LATERAL subquery per readable sphere.
/// EF Core rewrites a plain correlated LIMIT into ROW_NUMBER() over every post of the platform,
/// which took 40 s a page on the 100,000-member world (docs/PERFORMANCE.md); an EF Core upgrade
/// that brings that back fails here, not in production.
/// </summary>
public sealed class HomeFeedSqlShapeTests
{
    [Fact]
    public void The_home_feed_reads_each_sphere_through_a_lateral_index_range()
    {
        using var app = new EnclaveApp(Engine.Postgres);
        using var scope = app.Services.CreateScope();
        var gate = scope.ServiceProvider.GetRequiredService<AccessGate>();
        var db = scope.ServiceProvider.GetRequiredService<EnclaveDb>();
        var someone = Guid.NewGuid();
        List<Guid> spheres = [Guid.NewGuid(), Guid.NewGuid()];
        var sql = HomeFeed.LateralCandidates(db.Spheres.Where(s => spheres.Contains(s.Id)), gate.VisiblePosts(someone), 20).ToQueryString();
        Assert.Contains("JOIN LATERAL", sql);
        Assert.DoesNotContain("ROW_NUMBER", sql);
    }
}
