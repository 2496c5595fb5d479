using Enclave.Server.Notifications.Delivery;

namespace Enclave.Server.Accounts.Pages.Settings;

/// <summary>The delivery form's fields, mapped to and from the API's <see cref="DeliveryRequest"/>.</summary>
public sealed class DeliveryForm
{
    public string? TimeZone { get; set; }
    public bool Monday { get; set; }
    public bool Tuesday { get; set; }
    public bool Wednesday { get; set; }
    public bool Thursday { get; set; }
    public bool Friday { get; set; }
    public bool Saturday { get; set; }
    public bool Sunday { get; set; }
    public int? StartHour { get; set; }
    public int? EndHour { get; set; }
    public string? Digest { get; set; }
    public string? DailyMax { get; set; }

    public bool Has(string day) => (bool)GetType().GetProperty(day)!.GetValue(this)!;

    public static DeliveryForm From(DeliveryResponse r)
    {
        var form = new DeliveryForm { TimeZone = r.TimeZone, StartHour = r.StartHour, EndHour = r.EndHour, Digest = r.Digest.ToString().ToLowerInvariant(), DailyMax = r.DailyMax?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unlimited" };
        foreach (var day in r.Days) typeof(DeliveryForm).GetProperty(day.ToString())!.SetValue(form, true);
        return form;
    }

    public DeliveryRequest ToRequest() => new(TimeZone,
        [.. Enum.GetValues<DayOfWeek>().Where(d => Has(d.ToString()))], StartHour, EndHour,
        Enum.TryParse<DigestFrequency>(Digest, ignoreCase: true, out var digest) ? digest : null,
        int.TryParse(DailyMax, System.Globalization.CultureInfo.InvariantCulture, out var max) ? max : null);
}
