namespace Enclave.Server.Search.Pages;

/// <summary>Strings of the search page; French in Text.fr.resx.</summary>
public sealed class Text;
