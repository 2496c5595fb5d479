using System.Collections;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Enclave.Server.Privacy.Export;

/// <summary>A file written into an archive, for the manifest and the README's list.</summary>
public sealed record ArchiveFile(string Path, long Bytes, int? Items);

/// <summary>
/// Writes an export ZIP entry by entry to a forward-only stream (the blob store reads the other
/// end), so no archive is ever held whole in memory. Remembers every file for the manifest.
/// </summary>
public sealed class ZipExportArchive(ZipArchive zip) : IExportArchive
{
    /// <summary>The archive's JSON: camelCase, enums as snake_case strings, like the API.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
    };

    private readonly List<ArchiveFile> _files = [];
    private readonly HashSet<string> _paths = new(StringComparer.Ordinal);

    public IReadOnlyList<ArchiveFile> Files => _files;

    public Task AddJsonAsync<T>(string path, T value, CancellationToken cancellationToken) =>
        AddJsonAsync(path, value, value is ICollection c ? c.Count : null, cancellationToken);

    /// <summary>With the number of items given, for a value streamed from the database (an <see cref="IAsyncEnumerable{T}"/>).</summary>
    public async Task AddJsonAsync<T>(string path, T value, int? items, CancellationToken cancellationToken)
    {
        await using var entry = await OpenAsync(path, cancellationToken);
        var counter = new CountingStream(entry);
        await JsonSerializer.SerializeAsync(counter, value, Json, cancellationToken);
        _files.Add(new ArchiveFile(path, counter.Count, items));
    }

    public async Task AddFileAsync(string path, Stream content, CancellationToken cancellationToken)
    {
        await using var entry = await OpenAsync(path, cancellationToken);
        var counter = new CountingStream(entry);
        await content.CopyToAsync(counter, cancellationToken);
        _files.Add(new ArchiveFile(path, counter.Count, null));
    }

    public async Task AddTextAsync(string path, string text, CancellationToken cancellationToken)
    {
        await AddFileAsync(path, new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)), cancellationToken);
    }

    private async Task<Stream> OpenAsync(string path, CancellationToken cancellationToken)
    {
        if (path.StartsWith('/') || path.Contains("..") || path.Contains('\\') || !_paths.Add(path))
            throw new InvalidOperationException($"Invalid or duplicate archive path: {path}");
        return await zip.CreateEntry(path, CompressionLevel.Optimal).OpenAsync(cancellationToken);
    }

    /// <summary>Counts what goes through, for the manifest's sizes (a ZIP entry stream cannot tell its length).</summary>
    private sealed class CountingStream(Stream inner) : Stream
    {
        public long Count { get; private set; }
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => Count;
        public override long Position { get => Count; set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) { inner.Write(buffer, offset, count); Count += count; }
        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await inner.WriteAsync(buffer, cancellationToken);
            Count += buffer.Length;
        }
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }
}
