namespace Enclave.Server.Memberships.Pages;

/// <summary>Strings of the invitation pages; French in Text.fr.resx.</summary>
public sealed class Text;
