using Enclave.Server.Privacy;

namespace Enclave.Server.Tools.Ads;

public static class AdsServiceCollectionExtensions
{
    public static IServiceCollection AddAds(this IServiceCollection services)
    {
        services.AddScoped<AdService>();
        services.AddScoped<AdViews>();
        services.AddPostTool<AdPostTool>();
        services.AddPersonalData<AdsPersonalData>();
        return services;
    }
}
