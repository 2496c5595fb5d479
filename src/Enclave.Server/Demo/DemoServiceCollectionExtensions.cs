namespace Enclave.Server.Demo;

public static class DemoServiceCollectionExtensions
{
    /// <summary>The demo world: the <c>demo</c> command and the <c>Demo:Load</c> start-up step.</summary>
    public static IServiceCollection AddDemo(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<DemoOptions>(configuration.GetSection("Demo"));
        services.AddScoped<DemoLoader>();
        services.AddHostedService<DemoOnStartup>();
        return services;
    }
}
