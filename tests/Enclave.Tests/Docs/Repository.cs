namespace Enclave.Tests.Docs;

/// <summary>Files of the repository the tests run from (scripts and documents under test).</summary>
public static class Repository
{
    /// <summary>The folder holding <c>Enclave.slnx</c>, found by walking up from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Enclave.slnx"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No Enclave.slnx above {AppContext.BaseDirectory}.");
    }
}
