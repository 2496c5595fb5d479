using System.Globalization;
using Enclave.Server.Accounts;
using Enclave.Server.Web;

namespace Enclave.Server.Tools.Events;

/// <param name="Start">ISO 8601. With an offset or <c>Z</c> it is an instant; without, a wall time in <paramref name="TimeZone"/>.</param>
/// <param name="TimeZone">An IANA zone id (<c>Europe/Paris</c>); <c>UTC</c> when absent.</param>
/// <param name="RemindMinutesBefore">0 for no reminder; 60 when absent on creation.</param>
public sealed record EventRequest(EventType? Type, string? Title, string? Description, string? Start, string? End, string? TimeZone,
    string? Place, string? OnlineUrl, int? Capacity, int? RemindMinutesBefore);

public sealed record RsvpRequest(RsvpStatus? Response);

public sealed record RsvpCounts(int Yes, int Maybe, int No, int Waiting, int? SpotsLeft);

public sealed record EventResponse(Guid Id, Guid SphereId, string SphereName, EventType Type, string Title, string? Description, string? DescriptionHtml,
    DateTime Start, DateTime End, string TimeZone, string? Place, string? OnlineUrl, int? Capacity, EventStatus Status, int Sequence,
    int? RemindMinutesBefore, UserSummary? CreatedBy, RsvpCounts Counts, RsvpStatus? MyRsvp, int? MyWaitingRank, string? MeetingUrl,
    bool CanEdit, bool CanRespond, DateTime CreatedAt, DateTime UpdatedAt);

public sealed record RsvpResponse(Guid EventId, RsvpStatus Status, int? WaitingRank, RsvpCounts Counts);

public sealed record AttendeeResponse(UserSummary User, RsvpStatus Status, int? WaitingRank, DateTime RespondedAt);

/// <summary>The checked content of a create or edit request.</summary>
internal sealed record EventFields(EventType Type, string Title, string? Description, DateTime StartUtc, DateTime EndUtc, string TimeZone,
    string? Place, string? OnlineUrl, int? Capacity, int? RemindMinutesBefore);

internal static class EventRules
{
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(31);
    public const int MaxCapacity = 100_000;
    public const int MaxRemindMinutes = 60 * 24 * 14;

    /// <summary>Validates a whole request; <paramref name="current"/> fills what an edit leaves out.</summary>
    public static EventFields Check(EventRequest r, CalendarEvent? current)
    {
        var v = new Validation();
        var title = r.Title ?? current?.Title;
        v.Text("title", title, 1, CalendarEventConfiguration.MaxTitle);
        v.OptionalText("description", r.Description, CalendarEventConfiguration.MaxDescription);
        v.OptionalText("place", r.Place, CalendarEventConfiguration.MaxPlace);
        var zoneId = string.IsNullOrWhiteSpace(r.TimeZone) ? current?.TimeZone ?? "UTC" : r.TimeZone.Trim();
        TimeZoneInfo? zone = null;
        if (zoneId.Length > CalendarEventConfiguration.MaxZone || !TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out zone) || !zone.HasIanaId)
        {
            v.Add("timeZone", "must be an IANA time zone such as Europe/Paris.");
            zone = null;
        }
        DateTime? start = current?.StartUtc, end = current?.EndUtc;
        if (r.Start is not null || current is null) start = Instant(v, "start", r.Start, zone);
        if (r.End is not null || current is null) end = Instant(v, "end", r.End, zone);
        if (start is { } s && end is { } e)
        {
            if (e <= s) v.Add("end", "must be after the start.");
            else if (e - s > MaxDuration) v.Add("end", "must be at most 31 days after the start.");
        }
        var url = r.OnlineUrl is null ? current?.OnlineUrl : Blank(r.OnlineUrl);
        if (url is not null && !IsWebUrl(url)) v.Add("onlineUrl", "must be an http or https address.");
        if (url is { Length: > CalendarEventConfiguration.MaxUrl }) v.Add("onlineUrl", $"must be at most {CalendarEventConfiguration.MaxUrl} characters.");
        var capacity = r.Capacity is null ? current?.Capacity : r.Capacity == 0 ? null : r.Capacity;
        if (capacity is < 0 or > MaxCapacity) v.Add("capacity", $"must be between 1 and {MaxCapacity}, or 0 for no limit.");
        var remind = r.RemindMinutesBefore is null ? (current is null ? 60 : current.RemindMinutesBefore) : r.RemindMinutesBefore == 0 ? null : r.RemindMinutesBefore;
        if (remind is < 0 or > MaxRemindMinutes) v.Add("remindMinutesBefore", $"must be between 0 and {MaxRemindMinutes}.");
        if (r.Type is null && current is null) v.Add("type", "is required.");
        v.ThrowIfAny();
        return new EventFields(r.Type ?? current!.Type, title!.Trim(), r.Description is null ? current?.Description : Blank(r.Description),
            start!.Value, end!.Value, zone!.Id, r.Place is null ? current?.Place : Blank(r.Place), url, capacity, remind);
    }

    public static bool IsWebUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) &&
        !string.IsNullOrEmpty(uri.Host) && !url.Any(char.IsControl) && !url.Any(char.IsWhiteSpace);

    private static string? Blank(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>An instant from ISO 8601 text: absolute with an offset or Z, otherwise a wall time in the event's zone.</summary>
    private static DateTime? Instant(Validation v, string field, string? text, TimeZoneInfo? zone)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            v.Add(field, "is required.");
            return null;
        }
        text = text.Trim();
        var hasOffset = text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 19 && (text.LastIndexOf('+') > 10 || text.LastIndexOf('-') > 10));
        if (hasOffset && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
            return Truncate(instant.UtcDateTime);
        if (!hasOffset && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var wall))
        {
            if (zone is null) return null;
            wall = DateTime.SpecifyKind(wall, DateTimeKind.Unspecified);
            // A wall time skipped by a daylight-saving jump does not exist: say so rather than guess.
            if (zone.IsInvalidTime(wall))
            {
                v.Add(field, "does not exist in this time zone (daylight-saving change).");
                return null;
            }
            return Truncate(TimeZoneInfo.ConvertTimeToUtc(wall, zone));
        }
        v.Add(field, "must be an ISO 8601 date and time, e.g. 2026-12-10T18:30.");
        return null;
    }

    /// <summary>Calendars work to the second; stored times drop anything finer so exports and comparisons agree.</summary>
    private static DateTime Truncate(DateTime utc) => new(utc.Ticks - utc.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
}
