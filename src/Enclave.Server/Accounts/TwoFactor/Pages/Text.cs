namespace Enclave.Server.Accounts.TwoFactor.Pages;

/// <summary>Strings of the two-factor pages (security settings, sign-in second step); French in Text.fr.resx.</summary>
public sealed class Text;
