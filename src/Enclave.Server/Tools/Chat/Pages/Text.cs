namespace Enclave.Server.Tools.Chat.Pages;

/// <summary>Strings of the chat pages; French in Text.fr.resx.</summary>
public sealed class Text;
