namespace Enclave.Tests.Access.Watertightness.Tools;

/// <summary>Finds every <see cref="IToolProbe"/> of the test assembly, seeds each, and runs each for every persona.</summary>
public static class ToolChecks
{
    private static readonly Type[] ProbeTypes = typeof(IToolProbe).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IToolProbe).IsAssignableFrom(t))
        .OrderBy(t => t.FullName, StringComparer.Ordinal).ToArray();

    /// <summary>Fresh probes for one run: they hold what they seeded, which belongs to that run's world only (each engine has its own).</summary>
    public static IReadOnlyList<IToolProbe> CreateProbes() => ProbeTypes.Select(t => (IToolProbe)Activator.CreateInstance(t)!).ToList();

    public static IEnumerable<string> Required() => CreateProbes().SelectMany(p => p.Required());

    public static async Task RunAsync(ToolWorld world, IReadOnlyList<IToolProbe> probes, IReadOnlyList<Persona> personas)
    {
        foreach (var probe in probes) await probe.SeedAsync(world);
        await Parallel.ForEachAsync(personas, new ParallelOptions { MaxDegreeOfParallelism = 3 }, async (viewer, _) =>
        {
            foreach (var probe in probes) await probe.CheckAsync(world, viewer);
        });
    }
}
