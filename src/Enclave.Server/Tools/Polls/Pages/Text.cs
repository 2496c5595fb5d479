namespace Enclave.Server.Tools.Polls.Pages;

/// <summary>Strings of the polls' pages and cards; French in Text.fr.resx.</summary>
public sealed class Text;
