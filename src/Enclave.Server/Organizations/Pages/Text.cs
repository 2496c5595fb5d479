namespace Enclave.Server.Organizations.Pages;

/// <summary>Strings of the organization and federation pages; French in Text.fr.resx.</summary>
public sealed class Text;
