using System.Text.RegularExpressions;

namespace Enclave.Server.Web;

/// <summary>Collects field errors; <see cref="ThrowIfAny"/> answers 400 naming every faulty field.</summary>
public sealed partial class Validation
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    public Validation Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
        return this;
    }

    /// <summary>Required text, trimmed, within a length range.</summary>
    public Validation Text(string field, string? value, int min, int max)
    {
        if (value is not null && value.Contains('\0')) return Add(field, "must not contain NUL characters.");
        var length = value?.Trim().Length ?? 0;
        if (value is null || length == 0)
        {
            if (min > 0) Add(field, "is required.");
        }
        else if (length < min) Add(field, $"must be at least {min} characters.");
        else if (length > max) Add(field, $"must be at most {max} characters.");
        return this;
    }

    /// <summary>Optional text: checked only when present.</summary>
    public Validation OptionalText(string field, string? value, int max)
    {
        if (value is not null && value.Contains('\0')) Add(field, "must not contain NUL characters.");
        else if (value is not null && value.Length > max) Add(field, $"must be at most {max} characters.");
        return this;
    }

    public Validation Email(string field, string? value)
    {
        Text(field, value, 3, 254);
        if (!string.IsNullOrWhiteSpace(value) && !EmailPattern().IsMatch(value.Trim())) Add(field, "is not a valid email address.");
        return this;
    }

    public Validation Require<T>(string field, T? value) where T : struct
    {
        if (value is null) Add(field, "is required.");
        return this;
    }

    public void ThrowIfAny()
    {
        if (IsValid) return;
        throw new ProblemException(StatusCodes.Status400BadRequest, "validation_failed",
            "One or more fields are invalid.", _errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
    }

    public static void Field(string field, string message) => new Validation().Add(field, message).ThrowIfAny();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();
}
