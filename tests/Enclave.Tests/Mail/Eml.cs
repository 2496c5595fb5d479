using System.Text;
using System.Text.RegularExpressions;
using Enclave.Tests.Support;

namespace Enclave.Tests.Mail;

/// <summary>An .eml file read back: its unfolded headers (encoded words decoded) and its text and HTML bodies.</summary>
public sealed record ParsedMail(string FileName, string Raw, IReadOnlyDictionary<string, string> RawHeaders, string? Text, string? Html)
{
    public string Header(string name) => Eml.DecodeWords(RawHeaders[name]);
}

/// <summary>
/// A small, independent reader of what the outbox writes (RFC 5322 headers, RFC 2047 B-encoded
/// words, multipart/alternative, 7bit/8bit/base64), asserting well-formedness as it goes.
/// </summary>
public static partial class Eml
{
    public static IReadOnlyList<ParsedMail> ReadOutbox(string folder) =>
        !Directory.Exists(folder)
            ? []
            : Directory.GetFiles(folder, "*.eml").Order(StringComparer.Ordinal)
                .Select(path => Parse(Path.GetFileName(path), File.ReadAllText(path, Encoding.UTF8))).ToList();

    /// <summary>The messages of this app's outbox addressed to <paramref name="address"/>, oldest first.</summary>
    public static IReadOnlyList<ParsedMail> MailsTo(this EnclaveApp app, string address) =>
        ReadOutbox(app.Outbox).Where(m => string.Equals(m.Header("To"), address, StringComparison.OrdinalIgnoreCase)).ToList();

    public static ParsedMail Parse(string fileName, string raw)
    {
        Assert.DoesNotMatch("[^\r]\n", raw);
        Assert.DoesNotMatch("\r[^\n]", raw);
        Assert.All(raw.Split("\r\n"), line => Assert.True(Encoding.UTF8.GetByteCount(line) <= 998, "line over 998 octets"));
        var (headers, body) = Split(raw);
        Assert.All(new[] { "From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type" }, h => Assert.True(headers.ContainsKey(h), $"missing {h}"));
        Assert.All(headers.Values, v => Assert.True(v.All(char.IsAscii), $"raw non-ASCII in a header: {v}"));
        var type = headers["Content-Type"];
        if (!type.StartsWith("multipart/alternative", StringComparison.Ordinal))
        {
            var single = DecodeBody(headers, body);
            return new ParsedMail(fileName, raw, headers, type.StartsWith("text/plain", StringComparison.Ordinal) ? single : null, type.StartsWith("text/html", StringComparison.Ordinal) ? single : null);
        }
        var boundary = BoundaryPattern().Match(type).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(boundary), "multipart without boundary");
        var end = body.IndexOf("\r\n--" + boundary + "--", StringComparison.Ordinal);
        Assert.True(end >= 0, "multipart without closing boundary");
        var parts = ("\r\n" + body[..end]).Split("\r\n--" + boundary + "\r\n").Skip(1).Select(Split).ToList();
        Assert.Equal(2, parts.Count);
        string? text = null, html = null;
        foreach (var (partHeaders, partBody) in parts)
        {
            var partType = partHeaders["Content-Type"];
            Assert.Contains("charset=utf-8", partType, StringComparison.Ordinal);
            if (partType.StartsWith("text/plain", StringComparison.Ordinal)) text = DecodeBody(partHeaders, partBody);
            else if (partType.StartsWith("text/html", StringComparison.Ordinal)) html = DecodeBody(partHeaders, partBody);
        }
        return new ParsedMail(fileName, raw, headers, text, html);
    }

    /// <summary>Decodes RFC 2047 encoded words; whitespace between adjacent words is dropped.</summary>
    public static string DecodeWords(string value)
    {
        var joined = AdjacentWords().Replace(value, "?==?");
        return EncodedWord().Replace(joined, m =>
        {
            Assert.Equal("utf-8", m.Groups[1].Value, ignoreCase: true);
            Assert.Equal("B", m.Groups[2].Value, ignoreCase: true);
            return Encoding.UTF8.GetString(Convert.FromBase64String(m.Groups[3].Value));
        });
    }

    private static (Dictionary<string, string> Headers, string Body) Split(string raw)
    {
        var blank = raw.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(blank > 0, "no blank line between headers and body");
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var unfolded = Regex.Replace(raw[..blank], "\r\n[ \t]", " ");
        foreach (var line in unfolded.Split("\r\n"))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            Assert.True(colon > 0, $"not a header line: {line}");
            Assert.True(headers.TryAdd(line[..colon], line[(colon + 1)..].Trim()), $"header twice: {line[..colon]}");
        }
        return (headers, raw[(blank + 4)..]);
    }

    private static string DecodeBody(Dictionary<string, string> headers, string body) =>
        headers["Content-Transfer-Encoding"] switch
        {
            "7bit" => body.All(char.IsAscii) ? body : throw new Xunit.Sdk.XunitException("8-bit text in a 7bit part"),
            "8bit" => body,
            "base64" => Encoding.UTF8.GetString(Convert.FromBase64String(body.Replace("\r\n", "", StringComparison.Ordinal))),
            var other => throw new Xunit.Sdk.XunitException($"unexpected transfer encoding {other}"),
        };

    [GeneratedRegex("boundary=\"([^\"]+)\"")]
    private static partial Regex BoundaryPattern();

    [GeneratedRegex(@"\?=\s+=\?")]
    private static partial Regex AdjacentWords();

    [GeneratedRegex(@"=\?([^?]+)\?([BbQq])\?([^?]*)\?=")]
    private static partial Regex EncodedWord();
}
