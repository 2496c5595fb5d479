using Microsoft.AspNetCore.Localization;

namespace Enclave.Server.Ui;

/// <summary>A signed-in person's saved language wins over the browser's: it is what they chose in their settings.</summary>
public sealed class AccountLanguageProvider : RequestCultureProvider
{
    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        var language = httpContext.Items[UiRequest.AccountLanguageItem] as string;
        return Task.FromResult(language is null ? null : new ProviderCultureResult(language));
    }
}
