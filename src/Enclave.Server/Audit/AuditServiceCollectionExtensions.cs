namespace Enclave.Server.Audit;

public static class AuditServiceCollectionExtensions
{
    public static IServiceCollection AddAudit(this IServiceCollection services) => services
        .AddHttpContextAccessor()
        .AddScoped<AuditLog>();
}
