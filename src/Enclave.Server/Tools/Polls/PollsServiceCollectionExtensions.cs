using Enclave.Server.Privacy;

namespace Enclave.Server.Tools.Polls;

public static class PollsServiceCollectionExtensions
{
    public static IServiceCollection AddPolls(this IServiceCollection services)
    {
        services.AddScoped<PollService>();
        services.AddScoped<PollViews>();
        services.AddPostTool<PollPostTool>();
        services.AddPersonalData<PollsPersonalData>();
        return services;
    }
}
