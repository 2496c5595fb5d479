namespace Enclave.Tests.Access.Watertightness.Tools;

/// <summary>
/// One sphere tool's share of the watertightness property (documents, boards, polls, events, ads,
/// chat). Every class implementing this in the test assembly is found and run by
/// <see cref="ToolChecks"/>: after the core reads and the live checks, each probe seeds its
/// content through the API into <see cref="ToolWorld.Spheres"/>, then every persona walks every
/// read path of the tool (items, lists, pages, downloads, feeds) against the oracle.
/// </summary>
public interface IToolProbe
{
    /// <summary>A short name used in coverage keys and messages: <c>documents</c>, <c>tasks</c>...</summary>
    string Tool { get; }

    /// <summary>Situations every run must have checked at least once (coverage keys passed to <see cref="Probe.Cover"/>).</summary>
    IEnumerable<string> Required();

    /// <summary>Creates this tool's content through the API, as people the oracle says may write there. Runs once, before any check.</summary>
    Task SeedAsync(ToolWorld world);

    /// <summary>Every read path of the tool as one persona, against what the oracle expects. Runs in parallel for many personas: keep state read-only.</summary>
    Task CheckAsync(ToolWorld world, Persona viewer);
}
