namespace Enclave.Server.Files;

/// <summary>
/// Where file bytes live, keyed by organization so that an organization's files can be
/// exported, moved or hosted elsewhere with it. The default stores on the local disk.
/// </summary>
public interface IBlobStore
{
    /// <summary>Stores the content and returns its key (opaque, random).</summary>
    Task<string> PutAsync(Guid organizationId, Stream content, CancellationToken cancellationToken);
    Task<Stream?> OpenAsync(Guid organizationId, string key, CancellationToken cancellationToken);
    Task DeleteAsync(Guid organizationId, string key, CancellationToken cancellationToken);
}

public sealed class StorageOptions
{
    /// <summary>Folder for file contents; default <c>./data/blobs</c>.</summary>
    public string Path { get; set; } = "./data/blobs";
}

public sealed class LocalDiskBlobStore(Microsoft.Extensions.Options.IOptions<StorageOptions> options) : IBlobStore
{
    private string Root => System.IO.Path.GetFullPath(options.Value.Path);

    public async Task<string> PutAsync(Guid organizationId, Stream content, CancellationToken cancellationToken)
    {
        var key = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        var path = PathFor(organizationId, key);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var temporary = path + ".part";
        await using (var file = File.Create(temporary))
            await content.CopyToAsync(file, cancellationToken);
        File.Move(temporary, path);
        return key;
    }

    public Task<Stream?> OpenAsync(Guid organizationId, string key, CancellationToken cancellationToken)
    {
        var path = PathFor(organizationId, key);
        return Task.FromResult<Stream?>(File.Exists(path) ? File.OpenRead(path) : null);
    }

    public Task DeleteAsync(Guid organizationId, string key, CancellationToken cancellationToken)
    {
        var path = PathFor(organizationId, key);
        if (File.Exists(path)) File.Delete(path);
        return Task.CompletedTask;
    }

    /// <summary>Keys are our own hex strings; anything else is refused, so a key can never walk out of the store.</summary>
    private string PathFor(Guid organizationId, string key)
    {
        if (key.Length != 32 || !key.All(Uri.IsHexDigit)) throw new ArgumentException("Invalid blob key.", nameof(key));
        return System.IO.Path.Combine(Root, organizationId.ToString("N"), key[..2], key);
    }
}
