namespace Enclave.Server.Tools.Meetings;

public static class MeetingsServiceCollectionExtensions
{
    public static IServiceCollection AddMeetings(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MeetingOptions>(configuration.GetSection(MeetingOptions.Section));
        services.AddSingleton<MeetingRooms>();
        return services;
    }
}
