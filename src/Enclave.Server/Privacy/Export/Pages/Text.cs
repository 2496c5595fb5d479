namespace Enclave.Server.Privacy.Export.Pages;

/// <summary>Strings of the export and import pages; French in Text.fr.resx.</summary>
public sealed class Text;
