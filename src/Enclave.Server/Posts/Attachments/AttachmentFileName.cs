using System.Globalization;
using System.Text;

namespace Enclave.Server.Posts.Attachments;

/// <summary>
/// Turns a client-supplied file name into one that is safe to store and to offer back in a
/// download: the last path segment only, no control or invisible formatting characters (a
/// right-to-left override can disguise <c>.exe</c> as <c>.pdf</c>), no characters that are
/// illegal on common file systems, no leading or trailing dots and spaces, bounded length.
/// The name is only ever displayed and offered as a download name; storage uses random keys.
/// </summary>
public static class AttachmentFileName
{
    public const int MaxLength = 200;
    public const string Fallback = "file";
    private const int MaxExtensionLength = 16;
    private static readonly HashSet<string> ReservedDeviceNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };

    public static string Sanitize(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw)) return Fallback;
        var name = raw[(raw.LastIndexOfAny(['/', '\\']) + 1)..];
        var builder = new StringBuilder(name.Length);
        // EnumerateRunes turns lone surrogates into U+FFFD, so the result is always valid UTF-16.
        foreach (var rune in name.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune))
            {
                builder.Append(' ');
                continue;
            }
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.OtherNotAssigned
                or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.PrivateUse)
                continue;
            if (rune.Value is '<' or '>' or ':' or '"' or '|' or '?' or '*') builder.Append('_');
            else builder.Append(rune.ToString());
        }
        var cleaned = Collapse(builder.ToString()).Trim(' ', '.');
        if (cleaned.Length == 0) return Fallback;
        cleaned = cleaned.Normalize(NormalizationForm.FormC);
        var stem = cleaned.Split('.')[0].TrimEnd(' ');
        if (ReservedDeviceNames.Contains(stem)) cleaned = "_" + cleaned;
        return Truncate(cleaned);
    }

    private static string Collapse(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
            if (c != ' ' || builder.Length == 0 || builder[^1] != ' ') builder.Append(c);
        return builder.ToString();
    }

    /// <summary>Cuts the stem, by whole text elements, and keeps a short extension so the file still opens.</summary>
    private static string Truncate(string name)
    {
        if (name.Length <= MaxLength) return name;
        var dot = name.LastIndexOf('.');
        var extension = dot > 0 && name.Length - dot <= MaxExtensionLength ? name[dot..] : "";
        var stem = extension.Length > 0 ? name[..dot] : name;
        var budget = MaxLength - extension.Length;
        var elements = StringInfo.GetTextElementEnumerator(stem);
        var kept = 0;
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            if (kept + element.Length > budget) break;
            kept += element.Length;
        }
        return stem[..kept].TrimEnd(' ', '.') + extension;
    }
}
