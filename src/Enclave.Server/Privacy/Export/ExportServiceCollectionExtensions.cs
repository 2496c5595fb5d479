using Enclave.Server.Privacy.Import;

namespace Enclave.Server.Privacy.Export;

public static class ExportServiceCollectionExtensions
{
    /// <summary>Data exports (personal and organization), their worker, and organization imports.</summary>
    public static IServiceCollection AddDataPortability(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ExportOptions>(configuration.GetSection("Exports"));
        services.Configure<ImportOptions>(configuration.GetSection("Imports"));
        services.AddScoped<IExportBuilder, PersonalExportBuilder>();
        services.AddScoped<IExportBuilder, OrganizationExportBuilder>();
        services.AddSingleton<ExportJobs>();
        services.AddHostedService<ExportWorker>();
        services.AddScoped<OrganizationImporter>();
        services.AddPersonalData<DataExportPersonalData>();
        return services;
    }

    public static RouteGroupBuilder MapDataPortability(this RouteGroupBuilder api) => api.MapExports().MapImports();
}
