using Enclave.Server.Privacy;

namespace Enclave.Server.Audit;

public static class AuditServiceCollectionExtensions
{
    public static IServiceCollection AddAudit(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AuditOptions>(configuration.GetSection("Audit"));
        services.AddHttpContextAccessor()
            .AddScoped<AuditLog>()
            .AddScoped<AuditReader>()
            .AddPersonalData<AuditExporter>()
            .AddHostedService<AuditRetention>();
        return services;
    }
}
