using Enclave.Server.Privacy;

namespace Enclave.Server.Tools.Events;

public static class EventsServiceCollectionExtensions
{
    public static IServiceCollection AddEvents(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        services.AddScoped<Rsvps>();
        services.AddScoped<EventService>();
        services.AddScoped<EventViews>();
        services.AddScoped<EventReminders>();
        services.AddHostedService<EventRemindersWorker>();
        services.AddPostTool<EventPostTool>();
        services.AddToolNotices<EventNotices>();
        services.AddPersonalData<EventsPersonalData>();
        return services;
    }

    public static RouteGroupBuilder MapEventFeatures(this RouteGroupBuilder api)
    {
        api.MapEvents();
        api.MapCalendar();
        Meetings.MeetingEndpoints.MapMeetings(api);
        return api;
    }
}
