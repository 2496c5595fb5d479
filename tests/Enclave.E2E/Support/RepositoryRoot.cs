namespace Enclave.E2E.Support;

/// <summary>The repository root: the nearest folder above the test binaries holding Enclave.slnx.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(Find);

    public static string Path => Root.Value;

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "Enclave.slnx"))) return folder.FullName;
        throw new InvalidOperationException($"No Enclave.slnx above {AppContext.BaseDirectory}.");
    }
}
