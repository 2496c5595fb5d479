using System.Buffers;
using System.Text;
using Enclave.Server.Files;

namespace Enclave.Server.Posts.Attachments;

/// <summary>
/// Decides a file's content type from its first bytes, never from its name or declared type.
/// Only a short allow-list is recognised; anything else is <c>application/octet-stream</c>, so an
/// upload can never be served back as HTML, SVG or script. Text is recognised only as plain UTF-8.
/// </summary>
public static class ContentSniffer
{
    /// <summary>How many leading bytes <see cref="Detect"/> looks at.</summary>
    public const int HeadLength = 8 * 1024;

    public const string OctetStream = "application/octet-stream";
    public const string PlainText = "text/plain; charset=utf-8";

    /// <param name="head">The first bytes of the file (up to <see cref="HeadLength"/>).</param>
    /// <param name="complete">Whether <paramref name="head"/> is the whole file.</param>
    public static string Detect(ReadOnlySpan<byte> head, bool complete)
    {
        if (ImageSniffer.Detect(head) is { } image) return image;
        if (head.StartsWith("%PDF-"u8)) return "application/pdf";
        if (head.StartsWith("PK\x03\x04"u8)) return Zip(head);
        if (head.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])) return "application/x-ole-storage";
        if (head.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B])) return "application/gzip";
        if (IsText(head, complete)) return PlainText;
        return OctetStream;
    }

    /// <summary>Whether a browser may show this type inline (raster images only).</summary>
    public static bool IsInline(string contentType) =>
        contentType is "image/png" or "image/jpeg" or "image/gif" or "image/webp";

    /// <summary>
    /// OpenDocument files start with an uncompressed <c>mimetype</c> entry naming their type; Office
    /// Open XML files have their main part (<c>word/</c>, <c>xl/</c>, <c>ppt/</c>) among the first
    /// entries. Anything else stays a plain ZIP.
    /// </summary>
    private static string Zip(ReadOnlySpan<byte> head)
    {
        // Local file header: name length at 26, extra field length at 28, name from 30, then the data.
        if (head.Length > 30 && head[30..].StartsWith("mimetype"u8))
        {
            var dataOffset = 30 + (head[26] | head[27] << 8) + (head[28] | head[29] << 8);
            var value = dataOffset < head.Length ? head[dataOffset..] : [];
            foreach (var odf in (ReadOnlySpan<string>)["text", "spreadsheet", "presentation"])
            {
                var type = "application/vnd.oasis.opendocument." + odf;
                if (value.StartsWith(Encoding.ASCII.GetBytes(type))) return type;
            }
        }
        if (head.IndexOf("[Content_Types].xml"u8) >= 0)
        {
            if (head.IndexOf("word/"u8) >= 0) return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
            if (head.IndexOf("xl/"u8) >= 0) return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
            if (head.IndexOf("ppt/"u8) >= 0) return "application/vnd.openxmlformats-officedocument.presentationml.presentation";
        }
        return "application/zip";
    }

    /// <summary>Valid UTF-8 without NUL or control characters other than tab, line feed, form feed and carriage return.</summary>
    private static bool IsText(ReadOnlySpan<byte> head, bool complete)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) head = head[3..];
        while (!head.IsEmpty)
        {
            var status = Rune.DecodeFromUtf8(head, out var rune, out var consumed);
            // A multi-byte character cut at the end of the head is fine when the file goes on.
            if (status == OperationStatus.NeedMoreData) return !complete;
            if (status != OperationStatus.Done) return false;
            if (Rune.IsControl(rune) && rune.Value is not ('\t' or '\n' or '\f' or '\r')) return false;
            head = head[consumed..];
        }
        return true;
    }
}
