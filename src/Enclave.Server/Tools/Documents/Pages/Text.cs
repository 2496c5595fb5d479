namespace Enclave.Server.Tools.Documents.Pages;

/// <summary>Strings of the document box's pages; French in Text.fr.resx.</summary>
public sealed class Text;
