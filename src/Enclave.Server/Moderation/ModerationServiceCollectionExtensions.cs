using Enclave.Server.Privacy;

namespace Enclave.Server.Moderation;

public static class ModerationServiceCollectionExtensions
{
    public static IServiceCollection AddModeration(this IServiceCollection services)
    {
        services.AddScoped<ModerationService>();
        services.AddScoped<ModerationNotices>();
        services.AddPersonalData<ModerationPersonalData>();
        services.AddAnalyticsRollup();
        return services;
    }

    public static RouteGroupBuilder MapModerationFeatures(this RouteGroupBuilder api)
    {
        api.MapReports();
        api.MapModeration();
        Analytics.AnalyticsEndpoints.MapAnalytics(api);
        return api;
    }

    private static IServiceCollection AddAnalyticsRollup(this IServiceCollection services) => Analytics.AnalyticsServiceCollectionExtensions.AddAnalytics(services);
}
