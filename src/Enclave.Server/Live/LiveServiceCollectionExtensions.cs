using Enclave.Server.Data;

namespace Enclave.Server.Live;

public static class LiveServiceCollectionExtensions
{
    public static IServiceCollection AddLive(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<LiveOptions>(configuration.GetSection("Live"));
        var database = configuration.GetSection("Database").Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (database.Provider == DatabaseProvider.Postgres)
        {
            services.AddSingleton<PostgresEventBus>();
            services.AddSingleton<IEventBus>(sp => sp.GetRequiredService<PostgresEventBus>());
            services.AddHostedService(sp => sp.GetRequiredService<PostgresEventBus>());
        }
        else
        {
            services.AddSingleton<IEventBus, InProcessEventBus>();
        }
        services.AddSingleton<LiveHub>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveHub>());
        services.AddHostedService<LiveRetention>();
        services.AddScoped<EventAudience>();
        services.AddScoped<LivePublisher>();
        return services;
    }
}
