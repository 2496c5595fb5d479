using System.Globalization;
using System.Net.Mail;
using System.Security.Cryptography;
using System.Text;

namespace Enclave.Server.Mail;

/// <summary>
/// Writes an <see cref="EmailMessage"/> as an RFC 5322 / MIME message: CRLF line ends, UTF-8,
/// non-ASCII header text as RFC 2047 encoded words, <c>multipart/alternative</c> when there is
/// HTML. The same text is what an SMTP sender would put after <c>DATA</c>.
/// </summary>
public static class MimeFormatter
{
    private const string Crlf = "\r\n";
    private const int MaxLineBytes = 998;
    // "=?utf-8?B?" + base64 of 45 bytes (60 chars) + "?=" = 72 characters, under the 75 of RFC 2047.
    private const int EncodedWordBytes = 45;

    public static string NewMessageId(MailAddress from) =>
        $"<{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}@{from.Host}>";

    /// <exception cref="FormatException">The recipient is not a valid email address.</exception>
    public static string Format(EmailMessage message, MailAddress from, DateTimeOffset date, string messageId)
    {
        if (string.IsNullOrWhiteSpace(message.To) || message.To.Any(char.IsControl) || !MailAddress.TryCreate(message.To.Trim(), out var to))
            throw new FormatException("The recipient is not a valid email address.");
        var text = new StringBuilder();
        Header(text, "From", Address(from));
        Header(text, "To", Address(to));
        Header(text, "Subject", HeaderText(message.Subject));
        Header(text, "Date", date.UtcDateTime.ToString("ddd, dd MMM yyyy HH:mm:ss", CultureInfo.InvariantCulture) + " +0000");
        Header(text, "Message-ID", messageId);
        foreach (var (name, value) in message.Headers ?? [])
        {
            // Extra fields come from our own code, but a stray CR/LF would inject headers: refuse it.
            if (!IsPrintableAscii(name) || name.Contains(':') || !IsPrintableAscii(value)) throw new FormatException($"The header {name} is not printable ASCII.");
            Header(text, name, value);
        }
        Header(text, "MIME-Version", "1.0");
        if (message.HtmlBody is null)
        {
            Part(text, "text/plain", message.TextBody);
            return text.ToString();
        }
        var boundary = "=_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        Header(text, "Content-Type", $"multipart/alternative; boundary=\"{boundary}\"");
        text.Append(Crlf);
        text.Append("--").Append(boundary).Append(Crlf);
        Part(text, "text/plain", message.TextBody);
        text.Append(Crlf).Append("--").Append(boundary).Append(Crlf);
        Part(text, "text/html", message.HtmlBody);
        text.Append(Crlf).Append("--").Append(boundary).Append("--").Append(Crlf);
        return text.ToString();
    }

    private static void Header(StringBuilder text, string name, string value) => text.Append(name).Append(": ").Append(value).Append(Crlf);

    /// <summary>Content headers, a blank line, the body: 7bit or 8bit when every line fits, base64 otherwise.</summary>
    private static void Part(StringBuilder text, string mediaType, string body)
    {
        var lines = body.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        var fits = lines.All(l => Encoding.UTF8.GetByteCount(l) <= MaxLineBytes) && !body.Contains('\0');
        var encoding = !fits ? "base64" : body.All(char.IsAscii) ? "7bit" : "8bit";
        Header(text, "Content-Type", $"{mediaType}; charset=utf-8");
        Header(text, "Content-Transfer-Encoding", encoding);
        text.Append(Crlf);
        if (fits)
        {
            text.AppendJoin(Crlf, lines);
            return;
        }
        var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Join(Crlf, lines)));
        for (var i = 0; i < base64.Length; i += 76)
        {
            if (i > 0) text.Append(Crlf);
            text.Append(base64.AsSpan(i, Math.Min(76, base64.Length - i)));
        }
    }

    /// <summary>An address, its domain in ASCII (IDNA); a non-ASCII local part stays UTF-8, as RFC 6532 allows.</summary>
    private static string Address(MailAddress address)
    {
        var spec = address.User + "@" + Idn.GetAscii(address.Host);
        if (string.IsNullOrEmpty(address.DisplayName)) return spec;
        var name = address.DisplayName;
        if (!IsPrintableAscii(name)) return $"{EncodedWords(name)} <{spec}>";
        if (name.Any(c => "()<>[]:;@\\,.\"".Contains(c)))
            name = "\"" + name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
        return $"{name} <{spec}>";
    }

    private static readonly IdnMapping Idn = new();

    /// <summary>Unstructured header text: as is when it is short printable ASCII, otherwise RFC 2047 encoded words.</summary>
    private static string HeaderText(string value)
    {
        var clean = new string(value.Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Trim();
        return IsPrintableAscii(clean) && clean.Length <= 900 && !clean.Contains("=?", StringComparison.Ordinal) ? clean : EncodedWords(clean);
    }

    /// <summary>UTF-8 base64 encoded words, split between characters (never inside one), folded one per line.</summary>
    private static string EncodedWords(string value)
    {
        var words = new List<string>();
        var chunk = new List<byte>();
        Span<byte> buffer = stackalloc byte[4];
        foreach (var rune in value.EnumerateRunes())
        {
            var length = rune.EncodeToUtf8(buffer);
            if (chunk.Count + length > EncodedWordBytes)
            {
                words.Add(Word(chunk));
                chunk.Clear();
            }
            chunk.AddRange(buffer[..length].ToArray());
        }
        if (chunk.Count > 0 || words.Count == 0) words.Add(Word(chunk));
        return string.Join(Crlf + " ", words);

        static string Word(List<byte> bytes) => "=?utf-8?B?" + Convert.ToBase64String(bytes.ToArray()) + "?=";
    }

    private static bool IsPrintableAscii(string value) => value.All(c => c is >= ' ' and <= '~');
}
