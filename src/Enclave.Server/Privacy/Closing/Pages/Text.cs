namespace Enclave.Server.Privacy.Closing.Pages;

/// <summary>Strings of the closing-an-account pages and of the "Former member" author; French in Text.fr.resx.</summary>
public sealed class Text;
