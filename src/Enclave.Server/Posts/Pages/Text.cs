namespace Enclave.Server.Posts.Pages;

/// <summary>Strings of the post, feed and home pages; French in Text.fr.resx.</summary>
public sealed class Text;
