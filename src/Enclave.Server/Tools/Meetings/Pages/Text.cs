namespace Enclave.Server.Tools.Meetings.Pages;

/// <summary>Strings of the video meeting parts of pages; French in Text.fr.resx.</summary>
public sealed class Text;
