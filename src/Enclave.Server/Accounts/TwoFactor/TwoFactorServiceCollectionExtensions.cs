using Enclave.Server.Privacy;
using Microsoft.AspNetCore.Diagnostics;

namespace Enclave.Server.Accounts.TwoFactor;

public static class TwoFactorServiceCollectionExtensions
{
    public static IServiceCollection AddTwoFactor(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<TwoFactorService>();
        services.AddScoped<TwoFactorChallenges>();
        // First in line, before the general problem handler that would otherwise answer every ProblemException.
        services.Insert(0, ServiceDescriptor.Singleton<IExceptionHandler, TwoFactorRequiredHandler>());
        services.AddTwoFactorRateLimit(configuration);
        services.AddPersonalData<TwoFactorPersonalData>();
        return services;
    }
}
