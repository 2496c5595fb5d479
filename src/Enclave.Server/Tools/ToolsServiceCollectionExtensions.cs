namespace Enclave.Server.Tools;

/// <summary>
/// Sphere tools (issue #6): document box, kanban, polls, events and calendar, classified ads,
/// chat, video meetings. Each tool lives in its own folder under Tools/ and adds one line to
/// <see cref="AddTools"/> and one to <see cref="MapTools"/>. The rules every tool follows are in
/// docs/tools/README.md.
/// </summary>
public static class ToolsServiceCollectionExtensions
{
    public static IServiceCollection AddTools(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        services.AddScoped<PostTools>();
        services.AddScoped<ToolNotices>();
        Polls.PollsServiceCollectionExtensions.AddPolls(services);
        Ads.AdsServiceCollectionExtensions.AddAds(services);
        return services;
    }

    public static RouteGroupBuilder MapTools(this RouteGroupBuilder api)
    {
        Polls.PollEndpoints.MapPolls(api);
        Ads.AdEndpoints.MapAds(api);
        return api;
    }

    /// <summary>The web pages' form actions of every tool, under the antiforgery-checked <c>/ui</c> group.</summary>
    public static RouteGroupBuilder MapToolActions(RouteGroupBuilder ui)
    {
        Polls.Pages.PollActions.MapPollActions(ui);
        Ads.Pages.AdActions.MapAdActions(ui);
        return ui;
    }

    /// <summary>Lets posts carry this tool's items into the feed.</summary>
    public static IServiceCollection AddPostTool<T>(this IServiceCollection services) where T : class, IPostTool =>
        services.AddScoped<IPostTool, T>();

    /// <summary>Describes this tool's notifications (sentence detail and link).</summary>
    public static IServiceCollection AddToolNotices<T>(this IServiceCollection services) where T : class, IToolNotices =>
        services.AddScoped<IToolNotices, T>();
}
