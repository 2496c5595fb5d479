using System.Globalization;

namespace Enclave.Bench.FeedSql;

/// <summary><c>--name value</c> pairs.</summary>
public sealed class Options(Dictionary<string, string> values)
{
    public static Options Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i + 1 < args.Length; i++)
            if (args[i].StartsWith("--", StringComparison.Ordinal)) values[args[i][2..]] = args[++i];
        return new Options(values);
    }

    public string? Get(string name) => values.GetValueOrDefault(name);

    public int Int(string name, int fallback) => Get(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public double Double(string name, double fallback) => Get(name) is { } v ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public static ArgumentException Missing(string name) => new($"--{name} is required");
}
