namespace Enclave.Server.Accounts.Pages;

/// <summary>Strings of the account pages (sign-in, sign-up, settings); French in Text.fr.resx.</summary>
public sealed class Text;
