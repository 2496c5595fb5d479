namespace Enclave.Server.Tools.Pages;

/// <summary>Strings shared by the sphere tools' pages (the tool card in posts); each tool keeps its own in its folder. French in Text.fr.resx.</summary>
public sealed class Text;
