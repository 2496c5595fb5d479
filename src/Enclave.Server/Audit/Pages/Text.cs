namespace Enclave.Server.Audit.Pages;

/// <summary>Strings of the audit trail pages and the readable names of the action codes; French in Text.fr.resx.</summary>
public sealed class Text;
