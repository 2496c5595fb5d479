namespace Enclave.Server.Privacy.Closing;

public static class ClosingServiceCollectionExtensions
{
    /// <summary>Closing an account, restoring it during the grace period, and the purge job.</summary>
    public static IServiceCollection AddClosing(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ClosingOptions>()
            .Bind(configuration.GetSection("Privacy"))
            .Validate(o => o.ClosingGraceDays >= 0, "Privacy:ClosingGraceDays must be zero or more days.")
            .Validate(o => o.PurgeInterval > TimeSpan.Zero, "Privacy:PurgeInterval must be a positive duration, e.g. 00:05:00.")
            .ValidateOnStart();
        services.AddScoped<AccountClosing>();
        services.AddScoped<CoreEraser>();
        services.AddScoped<AccountPurge>();
        services.AddHostedService<AccountPurgeWorker>();
        return services;
    }

    public static RouteGroupBuilder MapClosing(this RouteGroupBuilder api)
    {
        api.MapClosingEndpoints();
        return api;
    }
}
