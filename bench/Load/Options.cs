using System.Globalization;
using System.Net;

namespace Enclave.Bench.Load;

/// <summary>
/// Command-line options. Every knob has a bound: the run cannot exceed <see cref="MaxRunTime"/>, a
/// step cannot exceed 10 minutes, and only loopback servers are accepted.
/// </summary>
public sealed class Options
{
    public static readonly TimeSpan MaxRunTime = TimeSpan.FromMinutes(45);

    public List<Uri> Urls { get; } = [];
    public int VirtualUsers { get; private set; } = 1000;
    public int WorldUsers { get; private set; }
    public string Password { get; private set; } = "enclave-seed-password";
    public List<StepPlan> Steps { get; } = [];
    public double StepSeconds { get; private set; } = 20;
    public double WarmupSeconds { get; private set; } = 5;
    public int Streams { get; private set; }
    public int DeliveryPosts { get; private set; } = 20;
    public double ThinkSeconds { get; private set; } = 30;
    public int MaxInFlight { get; private set; } = 4000;
    public TimeSpan RequestTimeout { get; private set; } = TimeSpan.FromSeconds(10);
    public string OutDirectory { get; private set; } = "bench/results";
    public string? TokenCache { get; private set; }
    public List<int> ServerPids { get; } = [];
    public string? DatabaseProcessName { get; private set; }
    public string Engine { get; private set; } = "sqlite";
    public string WorldDescription { get; private set; } = "";
    public double? StartupMs { get; private set; }
    public string? ReferencesPath { get; private set; }
    public List<string> Notes { get; } = [];
    public int Seed { get; private set; } = 7;
    public bool SelfTest { get; private set; }
    public bool FailOnErrors { get; private set; }

    /// <summary>Parses the arguments; throws <see cref="ArgumentException"/> with a readable message.</summary>
    public static Options Parse(string[] args)
    {
        var o = new Options();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value");
            int Int(int min, int max) => Bounded(name, int.Parse(Next(), CultureInfo.InvariantCulture), min, max);
            double Real(double min, double max) => Bounded(name, double.Parse(Next(), CultureInfo.InvariantCulture), min, max);
            switch (name)
            {
                case "--selftest": o.SelfTest = true; break;
                case "--fail-on-errors": o.FailOnErrors = true; break;
                case "--url": o.Urls.Add(Loopback(Next())); break;
                case "--users": o.VirtualUsers = Int(1, 20_000); break;
                case "--world-users": o.WorldUsers = Int(1, 1_000_000); break;
                case "--password": o.Password = Next(); break;
                case "--steps": o.Steps.AddRange(Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(StepPlan.Parse)); break;
                case "--step-seconds": o.StepSeconds = Real(1, 600); break;
                case "--warmup-seconds": o.WarmupSeconds = Real(0, 120); break;
                case "--streams": o.Streams = Int(0, 20_000); break;
                case "--delivery-posts": o.DeliveryPosts = Int(0, 1000); break;
                case "--think-seconds": o.ThinkSeconds = Real(1, 600); break;
                case "--max-in-flight": o.MaxInFlight = Int(1, 50_000); break;
                case "--timeout-seconds": o.RequestTimeout = TimeSpan.FromSeconds(Real(0.1, 120)); break;
                case "--out": o.OutDirectory = Next(); break;
                case "--token-cache": o.TokenCache = Next(); break;
                case "--server-pid": o.ServerPids.Add(Int(1, int.MaxValue)); break;
                case "--db-process": o.DatabaseProcessName = Next(); break;
                case "--engine": o.Engine = Next(); break;
                case "--world": o.WorldDescription = Next(); break;
                case "--startup-ms": o.StartupMs = Real(0, 600_000); break;
                case "--references": o.ReferencesPath = Next(); break;
                case "--note": o.Notes.Add(Next()); break;
                case "--seed": o.Seed = Int(0, int.MaxValue); break;
                default: throw new ArgumentException($"unknown option {name}");
            }
        }
        if (o.SelfTest) return o;
        if (o.Urls.Count == 0) o.Urls.Add(Loopback("http://127.0.0.1:5099"));
        if (o.WorldUsers == 0) o.WorldUsers = o.VirtualUsers;
        if (o.VirtualUsers > o.WorldUsers) throw new ArgumentException("--users cannot exceed --world-users");
        if (o.Streams > o.VirtualUsers) throw new ArgumentException("--streams cannot exceed --users (each stream belongs to a signed-in virtual user)");
        if (o.Steps.Any(s => s.Scenario == Scenario.Active && s.Amount > o.VirtualUsers))
            throw new ArgumentException("an active@N step needs at least N virtual users (--users)");
        return o;
    }

    private static T Bounded<T>(string name, T value, T min, T max) where T : IComparable<T> =>
        value.CompareTo(min) < 0 || value.CompareTo(max) > 0 ? throw new ArgumentException($"{name} must be between {min} and {max}") : value;

    private static Uri Loopback(string url)
    {
        if (!Uri.TryCreate(url.TrimEnd('/') + "/", UriKind.Absolute, out var uri) || !IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) || !IPAddress.IsLoopback(address))
            throw new ArgumentException($"{url}: this benchmark only targets loopback addresses (127.0.0.1 or [::1])");
        return uri;
    }
}

public enum Scenario { Mix, Home, Sphere, Post, Search, Active }

/// <summary>
/// One planned step, written <c>scenario@amount</c>: for most scenarios the amount is the arrival rate
/// (requests per second); for <c>active@N</c> it is N concurrently active users acting every
/// <c>--think-seconds</c> on average (so the rate is N / think).
/// </summary>
public sealed record StepPlan(Scenario Scenario, double Amount)
{
    public static StepPlan Parse(string text)
    {
        var parts = text.Split('@');
        if (parts.Length != 2 || !Enum.TryParse<Scenario>(parts[0], ignoreCase: true, out var scenario)
            || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) || amount <= 0 || amount > 20_000)
            throw new ArgumentException($"step '{text}' is not scenario@amount (scenarios: mix, home, sphere, post, search, active; amount 0 < x ≤ 20000)");
        return new StepPlan(scenario, amount);
    }

    public string Name => $"{Scenario.ToString().ToLowerInvariant()}@{Amount.ToString(CultureInfo.InvariantCulture)}";
}
