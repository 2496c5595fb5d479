using Microsoft.AspNetCore.DataProtection;

namespace Enclave.Server.Web;

public static class DataProtectionSetup
{
    /// <summary>
    /// Antiforgery tokens are protected with keys that must outlive restarts and be shared by
    /// every app node, so they live with the data (<c>DataProtection:Path</c>, default <c>./data/keys</c>;
    /// on several nodes, point it at shared storage).
    /// </summary>
    public static IServiceCollection AddEnclaveDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        var path = Path.GetFullPath(configuration["DataProtection:Path"] ?? "./data/keys");
        Directory.CreateDirectory(path);
        services.AddDataProtection().SetApplicationName("Enclave").PersistKeysToFileSystem(new DirectoryInfo(path));
        return services;
    }
}
