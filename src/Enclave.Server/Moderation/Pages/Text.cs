namespace Enclave.Server.Moderation.Pages;

/// <summary>Strings of the moderation and analytics pages; French in Text.fr.resx.</summary>
public sealed class Text;
