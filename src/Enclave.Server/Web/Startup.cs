using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Enclave.Server.Web;

public static class Startup
{
    /// <summary>Prints where Enclave answers, so a newcomer knows what to open.</summary>
    public static void AnnounceUrls(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        if (addresses is null || addresses.Count == 0) return;
        foreach (var address in addresses)
            Console.WriteLine($"Enclave is ready: open {address}/ (API reference: {address}/api/reference)");
    }
}
