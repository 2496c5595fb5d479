using System.Text.Json;

namespace Enclave.Server.Web;

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
