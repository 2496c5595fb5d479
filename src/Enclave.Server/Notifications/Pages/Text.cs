namespace Enclave.Server.Notifications.Pages;

/// <summary>Strings of the notifications page; French in Text.fr.resx.</summary>
public sealed class Text;
