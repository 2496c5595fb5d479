using System.Text.Json;

namespace Enclave.Server.Web;

/// <summary>
/// Enum values sent as strings (query filters, free-form role fields), spelled as in JSON bodies
/// (snake_case: <c>?status=awaiting_approval</c>).
/// Minimal APIs bind enum query parameters case-sensitively by their C# names (and accept numbers),
/// so list filters take a string and parse it here; anything else is a 400 naming the field.
/// </summary>
public static class QueryEnum
{
    public static T? Parse<T>(string field, string? value) where T : struct, Enum
    {
        if (value is null) return null;
        foreach (var candidate in Enum.GetValues<T>())
            if (string.Equals(JsonNamingPolicy.SnakeCaseLower.ConvertName(candidate.ToString()), value, StringComparison.Ordinal))
                return candidate;
        Validation.Field(field, "must be one of: " + string.Join(", ", Enum.GetValues<T>().Select(v => JsonNamingPolicy.SnakeCaseLower.ConvertName(v.ToString()))) + ".");
        return null;
    }
}


/// <summary>
/// An enum query parameter spelled as in JSON bodies (snake_case, e.g. <c>?role=visitor</c>,
/// <c>?status=awaiting_approval</c>). Minimal APIs bind a bare enum with a case-sensitive
/// <c>Enum.TryParse</c>, which refuses the spelling the API itself returns.
/// </summary>
public readonly record struct QueryEnum<T>(T Value) where T : struct, Enum
{
    private static readonly Dictionary<string, T> ByName =
        Enum.GetValues<T>().ToDictionary(v => JsonNamingPolicy.SnakeCaseLower.ConvertName(v.ToString()), StringComparer.OrdinalIgnoreCase);

    public static bool TryParse(string? value, out QueryEnum<T> result)
    {
        if (value is not null && ByName.TryGetValue(value.Trim(), out var parsed))
        {
            result = new QueryEnum<T>(parsed);
            return true;
        }
        result = default;
        return false;
    }
}
