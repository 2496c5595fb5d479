using System.Text;

namespace Enclave.Server.Search;

/// <summary>
/// Turns an engine's highlighted excerpt into safe HTML. The engines mark matches with two
/// private-use characters rather than tags; the text between them is escaped, then the markers
/// become <c>&lt;mark&gt;</c>/<c>&lt;/mark&gt;</c>. User text can contain those characters too,
/// so the markers are balanced here: at worst a stray highlight, never markup from user text.
/// </summary>
public static class Snippets
{
    public const char Open = '\uE000';
    public const char Close = '\uE001';

    public static string ToHtml(string? marked)
    {
        if (string.IsNullOrEmpty(marked)) return "";
        var html = new StringBuilder(marked.Length + 32);
        var open = false;
        foreach (var c in marked)
        {
            switch (c)
            {
                case Open when !open:
                    html.Append("<mark>");
                    open = true;
                    break;
                case Close when open:
                    html.Append("</mark>");
                    open = false;
                    break;
                case Open or Close:
                    break;
                case '&': html.Append("&amp;"); break;
                case '<': html.Append("&lt;"); break;
                case '>': html.Append("&gt;"); break;
                case '"': html.Append("&quot;"); break;
                case '\'': html.Append("&#39;"); break;
                default: html.Append(c); break;
            }
        }
        if (open) html.Append("</mark>");
        return html.ToString().Trim();
    }

    public static bool HasMark(string? marked) => marked is not null && marked.Contains(Open, StringComparison.Ordinal);

    /// <summary>The start of a text, escaped, for a result whose engine excerpt is missing.</summary>
    public static string Plain(string text, int max = 200) =>
        ToHtml(text.Length <= max ? text : string.Concat(text.AsSpan(0, max), "…"));
}
