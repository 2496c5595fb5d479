using Enclave.Server.Privacy;

namespace Enclave.Server.Tools.Documents;

public static class DocumentsServiceCollectionExtensions
{
    public static IServiceCollection AddDocuments(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DocumentOptions>().Bind(configuration.GetSection("Documents"))
            .Validate(o => o.MaxFileBytes > 0 && o.QuotaBytesPerOrganization > 0 && o.LockDuration > TimeSpan.Zero,
                "Documents:MaxFileBytes, QuotaBytesPerOrganization and LockDuration must be positive.");
        services.AddScoped<DocumentStore>();
        services.AddScoped<DocumentVersions>();
        services.AddScoped<DocumentViews>();
        services.AddScoped<DocumentSweep>();
        services.AddHostedService<DocumentSweepWorker>();
        services.AddPostTool<DocumentPostTool>();
        services.AddPersonalData<DocumentPersonalData>();
        return services;
    }
}
