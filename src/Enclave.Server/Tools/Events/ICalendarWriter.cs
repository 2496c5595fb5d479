using System.Globalization;
using System.Text;

namespace Enclave.Server.Tools.Events;

/// <summary>What the calendar text says about one event.</summary>
public sealed record CalendarEntry(Guid Id, string Title, string? Description, DateTime StartUtc, DateTime EndUtc, string TimeZone,
    string? Location, string? Url, EventStatus Status, int Sequence, DateTime UpdatedAt, string? SphereName);

/// <summary>
/// iCalendar text (RFC 5545): CRLF line endings, lines folded at 75 octets without splitting a
/// UTF-8 character, TEXT values escaped (backslash, semicolon, comma, newline), times in UTC
/// (<c>Z</c>) with the organizer's zone named in <c>X-ENCLAVE-TZID</c> (UTC times need no
/// VTIMEZONE block and every client reads them right). The UID is the event's id, stable across
/// edits, and SEQUENCE grows with each change, so subscribed calendars update the entry in place.
/// </summary>
public static class ICalendarWriter
{
    public const string ContentType = "text/calendar; charset=utf-8";

    public static string Write(IEnumerable<CalendarEntry> entries, DateTime stamp, string calendarName)
    {
        var b = new StringBuilder();
        Line(b, "BEGIN:VCALENDAR");
        Line(b, "VERSION:2.0");
        Line(b, "PRODID:-//Enclave//Sphere calendars//EN");
        Line(b, "CALSCALE:GREGORIAN");
        Line(b, "METHOD:PUBLISH");
        Line(b, "X-WR-CALNAME:" + Escape(calendarName));
        foreach (var e in entries)
        {
            Line(b, "BEGIN:VEVENT");
            Line(b, Uid(e.Id));
            Line(b, "DTSTAMP:" + Utc(stamp));
            Line(b, "DTSTART:" + Utc(e.StartUtc));
            Line(b, "DTEND:" + Utc(e.EndUtc));
            Line(b, "SEQUENCE:" + e.Sequence.ToString(CultureInfo.InvariantCulture));
            Line(b, "LAST-MODIFIED:" + Utc(e.UpdatedAt));
            Line(b, "SUMMARY:" + Escape(e.Title));
            if (!string.IsNullOrEmpty(e.Description)) Line(b, "DESCRIPTION:" + Escape(e.Description));
            if (!string.IsNullOrEmpty(e.Location)) Line(b, "LOCATION:" + Escape(e.Location));
            if (!string.IsNullOrEmpty(e.Url)) Line(b, "URL:" + e.Url);
            if (!string.IsNullOrEmpty(e.SphereName)) Line(b, "CATEGORIES:" + Escape(e.SphereName));
            Line(b, "X-ENCLAVE-TZID:" + Escape(e.TimeZone));
            Line(b, "STATUS:" + (e.Status == EventStatus.Cancelled ? "CANCELLED" : "CONFIRMED"));
            Line(b, "END:VEVENT");
        }
        Line(b, "END:VCALENDAR");
        return b.ToString();
    }

    /// <summary>The event's id: the same on every export and every server address.</summary>
    public static string Uid(Guid id) => $"UID:{id:D}@enclave";

    public static string Utc(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>RFC 5545 3.3.11: backslash, semicolon and comma escaped, line breaks as \n; other control characters dropped.</summary>
    public static string Escape(string text)
    {
        var b = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\\': b.Append(@"\\"); break;
                case ';': b.Append(@"\;"); break;
                case ',': b.Append(@"\,"); break;
                case '\r':
                    if (i + 1 < text.Length && text[i + 1] == '\n') i++;
                    b.Append(@"\n");
                    break;
                case '\n': b.Append(@"\n"); break;
                default:
                    if (!char.IsControl(c) || c == '\t') b.Append(c);
                    break;
            }
        }
        return b.ToString();
    }

    /// <summary>RFC 5545 3.1: a content line longer than 75 octets continues on lines that start with one space; a UTF-8 sequence is never cut.</summary>
    public static void Line(StringBuilder b, string line)
    {
        var octets = 0;
        var limit = 75;
        var i = 0;
        while (i < line.Length)
        {
            // A surrogate pair is one character of four octets.
            var width = char.IsHighSurrogate(line[i]) && i + 1 < line.Length ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(line.AsSpan(i, width));
            if (octets + size > limit)
            {
                b.Append("\r\n ");
                octets = 0;
                limit = 74; // the leading space counts
            }
            b.Append(line, i, width);
            octets += size;
            i += width;
        }
        b.Append("\r\n");
    }
}
