using System.Reflection;

namespace Enclave.Tests.Access.Watertightness.Tools;

/// <summary>Finds every <see cref="IToolProbe"/> of the test assembly, seeds each, and runs each for every persona.</summary>
public static class ToolChecks
{
    public static IReadOnlyList<IToolProbe> Probes { get; } = typeof(IToolProbe).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IToolProbe).IsAssignableFrom(t))
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .Select(t => (IToolProbe)Activator.CreateInstance(t)!).ToList();

    public static IEnumerable<string> Required() => Probes.SelectMany(p => p.Required());

    public static async Task RunAsync(ToolWorld world, IReadOnlyList<Persona> personas)
    {
        foreach (var probe in Probes) await probe.SeedAsync(world);
        await Parallel.ForEachAsync(personas, new ParallelOptions { MaxDegreeOfParallelism = 3 }, async (viewer, _) =>
        {
            foreach (var probe in Probes) await probe.CheckAsync(world, viewer);
        });
    }
}
