namespace Enclave.Server.Notifications.Delivery;

/// <summary>The hours, in the person's zone, during which email may be sent; and digest periods.</summary>
public static class DeliveryWindow
{
    public const int AllDays = 0b111_1111;

    /// <summary>Bit of a day: Monday is bit 0, Sunday bit 6.</summary>
    public static int Bit(DayOfWeek day) => 1 << (((int)day + 6) % 7);

    public static TimeZoneInfo Zone(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;

    public static DateTime Local(DeliverySettings? s, DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone(s?.TimeZone ?? "UTC"));

    public static bool IsOpen(DeliverySettings? s, DateTime utc)
    {
        if (s is null) return true;
        var local = Local(s, utc);
        return (s.WindowDays & Bit(local.DayOfWeek)) != 0 && local.Hour >= s.WindowStartHour && local.Hour < s.WindowEndHour;
    }

    /// <summary>
    /// The first instant at or after <paramref name="utc"/> when the window is open, in quarter
    /// hours (every zone offset in use is a multiple of 15 minutes); null when it never opens.
    /// </summary>
    public static DateTime? NextOpening(DeliverySettings? s, DateTime utc)
    {
        if (IsOpen(s, utc)) return utc;
        var step = new DateTime(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMinute, DateTimeKind.Utc);
        step = step.AddMinutes(15 - step.Minute % 15);
        for (var i = 0; i < 8 * 24 * 4; i++, step = step.AddMinutes(15))
            if (IsOpen(s, step)) return step;
        return null;
    }

    /// <summary>The next digest after <paramref name="utc"/>: the next local midnight, Monday or first of the month.</summary>
    public static DateTime? NextDigest(DeliverySettings s, DateTime utc)
    {
        if (s.Digest == DigestFrequency.Never) return null;
        var zone = Zone(s.TimeZone);
        var today = Local(s, utc).Date;
        var next = s.Digest switch
        {
            DigestFrequency.Daily => today.AddDays(1),
            DigestFrequency.Weekly => today.AddDays(((int)DayOfWeek.Monday - (int)today.DayOfWeek + 7) % 7 is 0 ? 7 : ((int)DayOfWeek.Monday - (int)today.DayOfWeek + 7) % 7),
            _ => new DateTime(today.Year, today.Month, 1).AddMonths(1),
        };
        // A local midnight skipped by a daylight-saving jump does not exist: take the hour after.
        if (zone.IsInvalidTime(next)) next = next.AddHours(1);
        return TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(next, DateTimeKind.Unspecified), zone);
    }
}
