namespace Enclave.Server.Tools.Events.Pages;

/// <summary>Strings of the events and calendar pages; French in Text.fr.resx.</summary>
public sealed class Text;
