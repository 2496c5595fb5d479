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
