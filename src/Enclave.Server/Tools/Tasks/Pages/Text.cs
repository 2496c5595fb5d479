namespace Enclave.Server.Tools.Tasks.Pages;

/// <summary>Strings of the kanban pages; French in Text.fr.resx.</summary>
public sealed class Text;
