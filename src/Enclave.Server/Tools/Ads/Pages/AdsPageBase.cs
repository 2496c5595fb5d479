using Microsoft.AspNetCore.Components;

namespace Enclave.Server.Tools.Ads.Pages;

/// <summary>What the ads' pages share (see <see cref="Enclave.Server.Tools.Pages.ToolPageBase"/>), plus the ads' views and price text.</summary>
public abstract class AdsPageBase : Enclave.Server.Tools.Pages.ToolPageBase
{
    [Inject] protected AdViews Views { get; set; } = default!;

    protected static string PriceText(AdResponse ad) =>
        ad.Price is { } p && ad.Currency is { } c ? AdTexts.Price((long)(p * 100), c) : "";
}
