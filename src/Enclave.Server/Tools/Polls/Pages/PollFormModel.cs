using Enclave.Server.Posts.Pages;
using Enclave.Server.Web;

namespace Enclave.Server.Tools.Polls.Pages;

/// <summary>The new-poll form as the page receives it: options one per line, the closing date in the viewer's zone.</summary>
public sealed class PollFormModel
{
    public string? Question { get; set; }
    public string? Options { get; set; }
    public bool Multiple { get; set; }
    public string? MaxChoices { get; set; }
    public bool AllowOther { get; set; }
    public bool Anonymous { get; set; }
    public string? Results { get; set; }
    public string? ClosesAt { get; set; }
    public bool ShareInFeed { get; set; }

    public CreatePollRequest ToRequest(TimeZoneInfo zone)
    {
        var v = new Validation();
        int? max = null;
        if (!string.IsNullOrWhiteSpace(MaxChoices))
        {
            if (int.TryParse(MaxChoices.Trim(), out var m)) max = m;
            else v.Add("maxChoices", "must be a whole number.");
        }
        var closesAt = ComposeForm.Local(v, "closesAt", ClosesAt, zone);
        v.ThrowIfAny();
        var options = (Options ?? "").Split('\n').Select(o => o.Trim()).Where(o => o.Length > 0).ToList();
        var results = Results == "after_close" ? PollResultsVisibility.AfterClose : PollResultsVisibility.AfterVote;
        return new CreatePollRequest(Question, options, Multiple, Multiple ? max : null, AllowOther, Anonymous, results, closesAt, ShareInFeed, null);
    }
}
