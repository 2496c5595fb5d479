using Enclave.Server.Web;
using Microsoft.Extensions.Localization;

namespace Enclave.Server.Audit.Pages;

/// <summary>
/// The pages' filter (from the query string: action family, from and to dates in the viewer's
/// zone) turned into the API's, plus the links that keep it (next page, CSV).
/// </summary>
public sealed record AuditQuery(string? Action, string? From, string? To, string? Cursor)
{
    /// <summary>Dates picked in a date input are whole days in the viewer's zone; "to" includes its day.</summary>
    public AuditFilter ToFilter(TimeZoneInfo zone)
    {
        static string? Day(string? value, TimeZoneInfo zone, int addDays) =>
            DateOnly.TryParseExact(value, "yyyy-MM-dd", out var d)
                ? new DateTimeOffset(d.AddDays(addDays).ToDateTime(TimeOnly.MinValue), zone.GetUtcOffset(d.AddDays(addDays).ToDateTime(TimeOnly.MinValue))).ToString("O")
                : string.IsNullOrEmpty(value) ? null : value;
        return AuditFilter.Parse(string.IsNullOrEmpty(Action) ? null : Action, Day(From, zone, 0), Day(To, zone, 1));
    }

    /// <summary>This page again with the same filter, at another cursor.</summary>
    public string PageLink(string path, string? cursor) =>
        Join(path, ("action", Action), ("fromDay", From), ("toDay", To), ("cursor", cursor));

    /// <summary>The API's CSV export of what the page shows (all pages of it).</summary>
    public static string CsvLink(string path, AuditFilter filter) =>
        Join(path, ("action", filter.Action), ("from", filter.From?.ToString("O")), ("to", filter.To?.ToString("O")));

    private static string Join(string path, params (string Name, string? Value)[] parts)
    {
        var query = string.Join('&', parts.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}"));
        return query.Length == 0 ? path : $"{path}?{query}";
    }

    /// <summary>The readable name of an entry's action, in the page's language.</summary>
    public static string NameOf(IStringLocalizer t, string action) => AuditActionNames.Of(action) is { } name ? t[name] : action;
}
