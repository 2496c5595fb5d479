using Enclave.Server.Web;

namespace Enclave.Server.Tools.Tasks;

/// <summary>Limits and input rules of the kanban, shared by the API and the pages.</summary>
public static class TaskRules
{
    public const int MaxName = 200;
    public const int MaxBoardDescription = 2000;
    public const int MaxColumnName = 100;
    public const int MaxColumns = 20;
    public const int MaxTitle = 200;
    public const int MaxDescription = 20_000;
    public const int MaxLabels = 10;
    public const int MaxLabel = 40;
    public const int MaxLabelsText = MaxLabels * (MaxLabel + 1);
    public const int MaxAssignees = 20;
    public const int MaxChecklistText = 500;
    public const int MaxChecklistItems = 100;
    public const int MaxComment = 10_000;
    /// <summary>A card's assignees hear about it this long before it is due (docs/tools/tasks.md).</summary>
    public static readonly TimeSpan DueSoon = TimeSpan.FromHours(24);

    public static readonly string[] DefaultColumns = ["To do", "In progress", "Done"];

    /// <summary>Labels trimmed, lower-cased for comparison, without duplicates; 400 naming <c>labels</c> otherwise.</summary>
    public static List<string> Labels(Validation v, IEnumerable<string?>? labels)
    {
        var result = new List<string>();
        foreach (var raw in labels ?? [])
        {
            var label = raw?.Trim() ?? "";
            if (label.Length == 0) continue;
            if (label.Length > MaxLabel) { v.Add("labels", $"each label must be at most {MaxLabel} characters."); continue; }
            if (label.Contains(',') || label.Any(char.IsControl)) { v.Add("labels", "a label must not contain commas or control characters."); continue; }
            if (!result.Contains(label, StringComparer.OrdinalIgnoreCase)) result.Add(label);
        }
        if (result.Count > MaxLabels) v.Add("labels", $"at most {MaxLabels} labels.");
        return result;
    }

    public static IReadOnlyList<string> SplitLabels(string stored) =>
        stored.Length == 0 ? [] : stored.Split(',', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>A due date must be a real instant (stored in UTC).</summary>
    public static DateTime? Due(DateTimeOffset? due) => due?.UtcDateTime;
}
