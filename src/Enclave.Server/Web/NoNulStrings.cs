using System.Text.Json;
using System.Text.Json.Serialization;

namespace Enclave.Server.Web;

/// <summary>
/// Refuses U+0000 in JSON strings. PostgreSQL cannot store it in text (the insert, or even a
/// query comparing with it, fails), and nothing legitimate needs it; refusing it while reading
/// turns it into a 400 on both engines instead of a 500 on one of them.
/// </summary>
public sealed class NoNulStrings : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = reader.GetString();
        if (value is not null && value.Contains('\0')) throw new JsonException("Strings must not contain U+0000.");
        return value;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
