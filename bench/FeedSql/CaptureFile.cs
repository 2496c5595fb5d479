using System.Text.Json;

namespace Enclave.Bench.FeedSql;

/// <summary>One parameter as EF sent it: the value's CLR type and invariant text, and the parameter's types.</summary>
public sealed record CapturedParameter(string Name, string ClrType, string? Value, string DbType, string? ProviderType);

/// <summary>One statement of a page, with the rows the app read from it.</summary>
public sealed record CapturedStatement(string Sql, List<CapturedParameter> Parameters, int Rows);

public sealed record CapturedSample(string UserName, Guid UserId, Guid SphereId, string SphereType,
    List<CapturedStatement> HomeFeed, List<CapturedStatement> SphereFeed);

public sealed record CaptureFile(string Engine, DateTime CapturedAt, List<CapturedSample> Samples)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static CaptureFile Load(string path) =>
        JsonSerializer.Deserialize<CaptureFile>(File.ReadAllText(path), Json) ?? throw new InvalidDataException(path);

    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json));
}
