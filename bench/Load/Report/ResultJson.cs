using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Enclave.Bench.Load.Report;

/// <summary>Reads and writes <see cref="RunResult"/> files: camelCase, indented, enums as strings.</summary>
public static class ResultJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // A timed-out step can leave NaN or infinity in a figure; failing to save the whole run over it would lose the rest.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        // The files are read by people and diffed; "×" and "—" in notes should stay readable. Never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        // A file missing a field or holding null where the model forbids it is a generator bug: say so when reading,
        // rather than rendering a report with silent holes.
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string ToJson(RunResult run) => JsonSerializer.Serialize(run, Options);

    public static RunResult FromJson(string json) =>
        JsonSerializer.Deserialize<RunResult>(json, Options) ?? throw new JsonException("The result file holds null.");

    public static void Write(RunResult run, string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
            Directory.CreateDirectory(directory);
        File.WriteAllText(path, ToJson(run) + "\n");
    }

    public static RunResult Read(string path) => FromJson(File.ReadAllText(path));
}
