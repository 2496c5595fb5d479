using Enclave.Server.Posts.Attachments;

namespace Enclave.Server.Posts;

public static class PostsServiceCollectionExtensions
{
    public static IServiceCollection AddPosts(this IServiceCollection services)
    {
        services.AddScoped<PostService>();
        services.AddScoped<PostViewBuilder>();
        services.AddScoped<HomeFeed>();
        services.AddScoped<ReadMarkers>();
        services.AddScoped<ScheduledPosts>();
        services.AddScoped<PostEvents>();
        services.AddHostedService<ScheduledPostsWorker>();
        services.AddAttachments();
        return services;
    }

    public static RouteGroupBuilder MapPostFeatures(this RouteGroupBuilder api)
    {
        api.MapPosts();
        api.MapComments();
        api.MapReactions();
        api.MapFeeds();
        api.MapAttachments();
        return api;
    }
}
