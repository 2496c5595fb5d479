namespace Enclave.Server.Ui;

/// <summary>
/// Marker for the shared strings of the web application (layout, common words). Keys are the
/// English text; <c>Text.fr.resx</c> next to this file holds the French. Each capability's pages
/// have their own <c>Text</c> marker and resources in their <c>Pages</c> folder, so that a page's
/// strings sit beside it. A test checks that every key used in a page has its French translation.
/// </summary>
public sealed class Text;
