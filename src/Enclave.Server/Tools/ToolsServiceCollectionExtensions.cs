using Enclave.Server.Tools.Documents;
using Enclave.Server.Tools.Documents.Pages;

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
        services.AddDocuments(configuration);
        services.AddScoped<PostTools>();
        services.AddScoped<ToolNotices>();
        Chat.ChatServiceCollectionExtensions.AddChat(services);
        Tasks.TasksServiceCollectionExtensions.AddTasks(services);
        Events.EventsServiceCollectionExtensions.AddEvents(services, configuration);
        Meetings.MeetingsServiceCollectionExtensions.AddMeetings(services, configuration);
        Polls.PollsServiceCollectionExtensions.AddPolls(services);
        Ads.AdsServiceCollectionExtensions.AddAds(services);
        return services;
    }

    public static RouteGroupBuilder MapTools(this RouteGroupBuilder api)
    {
        api.MapDocuments();
        Chat.ChatEndpoints.MapChat(api);
        Tasks.TasksServiceCollectionExtensions.MapTasks(api);
        Events.EventsServiceCollectionExtensions.MapEventFeatures(api);
        Polls.PollEndpoints.MapPolls(api);
        Ads.AdEndpoints.MapAds(api);
        return api;
    }

    /// <summary>The web pages' form actions of every tool, under the antiforgery-checked <c>/ui</c> group.</summary>
    public static RouteGroupBuilder MapToolActions(RouteGroupBuilder ui)
    {
        ui.MapDocumentActions();
        Chat.Pages.ChatActions.MapChatActions(ui);
        Tasks.Pages.TaskActions.MapTaskActions(ui);
        Events.Pages.EventActions.MapEventActions(ui);
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
