using System.Reflection;
using Enclave.Server.Access;
using Enclave.Server.Posts;

namespace Enclave.Bench.FeedSql;

/// <summary>
/// One page of each feed, through the very code the endpoints run, in a fresh DI scope as a
/// request would have: <see cref="HomeFeed.PageAsync"/> (GET /api/v1/feed) and the handler of
/// GET /api/v1/spheres/{id}/posts, which is internal to the server, so it is called by reflection
/// with its parameters resolved the way minimal APIs bind them (route and query values, the
/// viewer, the rest from DI).
/// </summary>
public static class FeedPages
{
    public const int Limit = 20;

    private static readonly MethodInfo SphereFeedHandler =
        typeof(PostEndpoints).GetMethod("SphereFeed", BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public)
        ?? throw new MissingMethodException(nameof(PostEndpoints), "SphereFeed");

    public static async Task<int> HomeAsync(IServiceProvider services, Sample sample)
    {
        await using var scope = services.CreateAsyncScope();
        var page = await scope.ServiceProvider.GetRequiredService<HomeFeed>().PageAsync(sample.Viewer, null, null, Limit, CancellationToken.None);
        return page.Items.Count;
    }

    public static async Task SphereAsync(IServiceProvider services, Sample sample)
    {
        await using var scope = services.CreateAsyncScope();
        var arguments = SphereFeedHandler.GetParameters().Select(p => p.Name switch
        {
            "id" => sample.SphereId,
            "limit" => Limit,
            "cursor" or "tag" or "style" => null,
            _ when p.ParameterType == typeof(Viewer) => sample.Viewer,
            _ when p.ParameterType == typeof(CancellationToken) => CancellationToken.None,
            _ => (object?)scope.ServiceProvider.GetRequiredService(p.ParameterType),
        }).ToArray();
        await (Task)SphereFeedHandler.Invoke(null, arguments)!;
    }
}
