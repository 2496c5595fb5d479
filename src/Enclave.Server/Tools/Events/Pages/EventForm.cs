namespace Enclave.Server.Tools.Events.Pages;

/// <summary>The create and edit form's fields (<c>Form.Xxx</c>); times are wall times in <see cref="TimeZone"/>.</summary>
public sealed class EventForm
{
    public string? Type { get; set; }
    public string? Title { get; set; }
    public string? Description { get; set; }
    public string? Start { get; set; }
    public string? End { get; set; }
    public string? TimeZone { get; set; }
    public string? Place { get; set; }
    public string? OnlineUrl { get; set; }
    public int? Capacity { get; set; }
    public int? RemindMinutesBefore { get; set; }

    /// <summary>Empty text fields of an edit clear the value (the API reads "" as "none").</summary>
    public EventRequest ToRequest() => new(
        Enum.TryParse<EventType>(Type, true, out var type) ? type : null, Title ?? "", Description ?? "", Start, End, TimeZone,
        Place ?? "", OnlineUrl ?? "", Capacity ?? 0, RemindMinutesBefore ?? 0);

    public static readonly EventType[] Types = Enum.GetValues<EventType>();

    public static string TypeName(EventType type) => type switch
    {
        EventType.Meeting => "Meeting",
        EventType.Conference => "Conference",
        EventType.Training => "Training",
        EventType.Social => "Social event",
        _ => "Other",
    };

    public static string AnswerName(RsvpStatus? status) => status switch
    {
        RsvpStatus.Yes => "Going",
        RsvpStatus.No => "Not going",
        RsvpStatus.Maybe => "Maybe",
        RsvpStatus.Waiting => "On the waiting list",
        _ => "No answer yet",
    };
}
