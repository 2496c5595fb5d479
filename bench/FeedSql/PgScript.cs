using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Enclave.Bench.FeedSql;

/// <summary>
/// A page's statements as a pgbench script: parameters inlined as typed literals. pgbench reads
/// <c>:name</c> as one of its variables, even inside a string, so no literal may hold a colon:
/// timestamps are written as <c>to_timestamp(epoch)</c> (immutable, folded by the planner like a
/// bound value) and a colon in text as <c>chr(58)</c>.
/// </summary>
public static partial class PgScript
{
    public static string Write(IEnumerable<CapturedStatement> statements) =>
        string.Concat(statements.Select(s => Inline(s) + ";\n"));

    public static string Inline(CapturedStatement statement)
    {
        var values = statement.Parameters.ToDictionary(p => p.Name.TrimStart('@', ':'), Literal);
        var sql = Placeholder().Replace(statement.Sql, m => values.TryGetValue(m.Groups[1].Value, out var literal) ? literal : m.Value);
        var stripped = Regex.Replace(sql, "'[^']*'", "''").Replace("::", "", StringComparison.Ordinal);
        if (stripped.Contains(':', StringComparison.Ordinal) || stripped.Contains(';', StringComparison.Ordinal))
            throw new NotSupportedException($"Statement not usable in a pgbench script (colon or semicolon): {sql}");
        return sql.Trim();
    }

    public static string Literal(CapturedParameter p)
    {
        if (p.Value is null) return p.ProviderType is { } type && !type.Equals("Unknown", StringComparison.Ordinal) ? $"NULL::{type}" : "NULL";
        var clr = Type.GetType(p.ClrType);
        if (clr is not null && clr != typeof(string) && (clr.IsArray || clr.IsGenericType))
        {
            var element = clr.IsArray ? clr.GetElementType()! : clr.GetGenericArguments()[0];
            var items = JsonSerializer.Deserialize<List<string?>>(p.Value) ?? [];
            var sqlType = ScalarType(element) + "[]";
            return items.Count == 0 ? $"'{{}}'::{sqlType}" : $"ARRAY[{string.Join(", ", items.Select(i => Scalar(element, i)))}]::{sqlType}";
        }
        return Scalar(clr ?? typeof(string), p.Value);
    }

    private static string Scalar(Type type, string? value)
    {
        if (value is null) return "NULL";
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(Guid)) return $"'{Guid.Parse(value, CultureInfo.InvariantCulture):D}'::uuid";
        if (type == typeof(bool)) return bool.Parse(value) ? "true" : "false";
        if (type == typeof(int) || type == typeof(short)) return value;
        if (type == typeof(long)) return $"{value}::bigint";
        if (type == typeof(double) || type == typeof(float)) return $"{value}::double precision";
        if (type == typeof(decimal)) return $"{value}::numeric";
        if (type == typeof(DateTime)) return Timestamp(DateTime.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind));
        if (type == typeof(DateTimeOffset)) return Timestamp(DateTimeOffset.Parse(value, CultureInfo.InvariantCulture).UtcDateTime);
        if (type == typeof(byte[])) return $"'\\x{Convert.ToHexString(Convert.FromBase64String(value))}'::bytea";
        if (type == typeof(string)) return Text(value);
        throw new NotSupportedException($"No PostgreSQL literal for a {type} parameter.");
    }

    private static string ScalarType(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type == typeof(Guid) ? "uuid" : type == typeof(int) ? "integer" : type == typeof(long) ? "bigint"
            : type == typeof(bool) ? "boolean" : type == typeof(DateTime) ? "timestamptz" : "text";
    }

    /// <summary>timestamptz for a UTC (or unspecified, which Npgsql also sends as it is) DateTime.</summary>
    private static string Timestamp(DateTime value)
    {
        if (value.Kind == DateTimeKind.Local) value = value.ToUniversalTime();
        var micros = (value.Ticks - DateTime.UnixEpoch.Ticks) / 10;
        var seconds = (micros / 1_000_000).ToString(CultureInfo.InvariantCulture) + "." + (micros % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        return value.Kind == DateTimeKind.Unspecified ? $"(to_timestamp({seconds}) AT TIME ZONE 'UTC')" : $"to_timestamp({seconds})";
    }

    private static string Text(string value)
    {
        var parts = value.Split(':').Select(part => "'" + part.Replace("'", "''", StringComparison.Ordinal) + "'");
        var text = string.Join(" || chr(58) || ", parts);
        return value.Contains(':', StringComparison.Ordinal) ? $"({text})" : text + "::text";
    }

    [GeneratedRegex(@"@(\w+)")]
    private static partial Regex Placeholder();
}
