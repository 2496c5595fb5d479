namespace Enclave.Server.Verification.Pages;

/// <summary>Strings of the verified-identity pieces of the pages; French in Text.fr.resx.</summary>
public sealed class Text;
