namespace Enclave.Server.Seeding;

/// <summary>
/// The seeded source of every choice and every id in the generated world. Each phase of the
/// generator takes its own stream (<see cref="For"/>), so a change to one phase does not shift
/// the ids and contents of the others. Ids are UUIDv7 whose timestamp is the row's simulated time
/// and whose random bits come from the stream: time-ordered like <c>Ids.New()</c>, yet reproducible.
/// </summary>
public sealed class SeedRandom(int seed, int phase)
{
    // Not HashCode.Combine: it is randomized per process, and the world must be the same on every run.
    private readonly Random _random = new(unchecked(seed * 1_000_003 + phase * 7919));

    public static SeedRandom For(int seed, int phase) => new(seed, phase);

    public int Next(int maxExclusive) => _random.Next(maxExclusive);

    public int Next(int min, int maxExclusive) => _random.Next(min, maxExclusive);

    public double NextDouble() => _random.NextDouble();

    public bool Chance(double probability) => _random.NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    /// <summary>A count with a geometric distribution of the given mean (0, 1, 2... ever rarer).</summary>
    public int Geometric(double mean)
    {
        if (mean <= 0) return 0;
        var p = 1 / (1 + mean);
        var u = 1 - _random.NextDouble();
        return (int)Math.Floor(Math.Log(u) / Math.Log(1 - p));
    }

    /// <summary>A Pareto (power-law) size: most near <paramref name="min"/>, a few huge, capped.</summary>
    public int Pareto(int min, double alpha, int cap)
    {
        var u = 1 - _random.NextDouble();
        var value = min * Math.Pow(u, -1 / alpha);
        return (int)Math.Min(cap, Math.Floor(value));
    }

    public Guid Id(DateTime at)
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes[6..]);
        var ms = (ulong)((at.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond);
        for (var i = 0; i < 6; i++) bytes[i] = (byte)(ms >> (8 * (5 - i)));
        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }

    public string Hex(int bytes)
    {
        Span<byte> buffer = stackalloc byte[bytes];
        _random.NextBytes(buffer);
        return Convert.ToHexStringLower(buffer);
    }
}
