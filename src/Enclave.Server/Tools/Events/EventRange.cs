using System.Globalization;
using Enclave.Server.Web;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Tools.Events;

/// <summary>
/// Range queries of calendars: events overlapping [from, to), ordered by start then id, with a
/// keyset cursor on that pair (<c>{start ticks}_{id}</c>), so a long range pages without offsets.
/// </summary>
internal static class EventRange
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;
    public static readonly TimeSpan MaxSpan = TimeSpan.FromDays(400);

    public static async Task<(List<CalendarEvent> Items, string? Next)> PageAsync(IQueryable<CalendarEvent> query, DateTime? from, DateTime? to,
        string? cursor, int? limit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var take = limit ?? DefaultLimit;
        var v = new Validation();
        if (take is < 1 or > MaxLimit) v.Add("limit", $"must be between 1 and {MaxLimit}.");
        var start = from is { } f ? Utc(f) : clock.GetUtcNow().UtcDateTime;
        var end = to is { } t ? Utc(t) : start + MaxSpan;
        if (end <= start) v.Add("to", "must be after from.");
        else if (end - start > MaxSpan) v.Add("to", "must be at most 400 days after from.");
        var after = Decode(cursor, v);
        v.ThrowIfAny();
        query = query.Where(e => e.StartUtc < end && e.EndUtc > start);
        if (after is { } a) query = query.Where(e => e.StartUtc > a.Start || (e.StartUtc == a.Start && e.Id.CompareTo(a.Id) > 0));
        var rows = await query.OrderBy(e => e.StartUtc).ThenBy(e => e.Id).Take(take + 1).ToListAsync(cancellationToken);
        string? next = null;
        if (rows.Count > take)
        {
            rows.RemoveAt(take);
            next = $"{rows[^1].StartUtc.Ticks.ToString(CultureInfo.InvariantCulture)}_{rows[^1].Id:N}";
        }
        return (rows, next);
    }

    private static DateTime Utc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };

    private static (DateTime Start, Guid Id)? Decode(string? cursor, Validation v)
    {
        if (string.IsNullOrEmpty(cursor)) return null;
        var parts = cursor.Split('_');
        if (parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) &&
            ticks >= DateTime.MinValue.Ticks && ticks <= DateTime.MaxValue.Ticks && Guid.TryParseExact(parts[1], "N", out var id))
            return (new DateTime(ticks, DateTimeKind.Utc), id);
        v.Add("cursor", "is not a cursor returned by this list.");
        return null;
    }
}
