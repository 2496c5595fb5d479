namespace Enclave.Server.Tools.Ads.Pages;

/// <summary>Strings of the classified ads' pages and cards; French in Text.fr.resx.</summary>
public sealed class Text;
