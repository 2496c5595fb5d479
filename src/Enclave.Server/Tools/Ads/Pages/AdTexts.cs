using System.Globalization;

namespace Enclave.Server.Tools.Ads.Pages;

/// <summary>The English keys of categories and statuses (French in Text.fr.resx), and how a price reads.</summary>
public static class AdTexts
{
    public static string CategoryName(AdCategory category) => category switch
    {
        AdCategory.Offer => "Offer",
        AdCategory.Request => "Request",
        AdCategory.Exchange => "Exchange",
        AdCategory.Lending => "Lending",
        AdCategory.Job => "Job",
        _ => "Other",
    };

    public static string StatusName(AdStatus status) => status switch
    {
        AdStatus.Reserved => "Reserved",
        AdStatus.Closed => "Closed",
        _ => "Available",
    };

    /// <summary>In the reader's culture: "12,50 EUR" in French, "12.50 EUR" in English.</summary>
    public static string Price(long cents, string currency) =>
        $"{(cents / 100m).ToString(cents % 100 == 0 ? "N0" : "N2", CultureInfo.CurrentCulture)} {currency}";

    public static string Snake(Enum value) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}
