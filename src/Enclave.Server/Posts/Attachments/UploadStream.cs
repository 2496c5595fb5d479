using System.Runtime.ExceptionServices;

namespace Enclave.Server.Posts.Attachments;

/// <summary>
/// Wraps an incoming body on its way to the blob store: counts bytes, keeps the first
/// <see cref="ContentSniffer.HeadLength"/> of them for sniffing, and stops at the size limit.
/// It never throws into the blob store: a failure (too large, client gone, malformed body) ends
/// the stream early and is recorded, so the store finishes cleanly and the caller deletes the
/// partial blob, whatever the store's implementation does on exceptions.
/// </summary>
public sealed class UploadStream(Stream inner, long maxBytes, CancellationToken requestAborted) : Stream
{
    private readonly byte[] _head = new byte[ContentSniffer.HeadLength];
    private int _headLength;

    public long Total { get; private set; }
    public bool TooLarge { get; private set; }
    public ExceptionDispatchInfo? Failure { get; private set; }
    public bool Ended { get; private set; }
    public ReadOnlySpan<byte> Head => _head.AsSpan(0, _headLength);

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (TooLarge || Failure is not null || Ended || buffer.IsEmpty) return 0;
        int read;
        try
        {
            // One byte more than allowed is enough to know the limit is passed.
            var room = (int)Math.Min(buffer.Length, maxBytes + 1 - Total);
            read = await inner.ReadAsync(buffer[..room], requestAborted);
        }
        catch (Exception e)
        {
            Failure = ExceptionDispatchInfo.Capture(e);
            return 0;
        }
        if (read == 0)
        {
            Ended = true;
            return 0;
        }
        if (Total + read > maxBytes)
        {
            TooLarge = true;
            return 0;
        }
        if (_headLength < _head.Length)
        {
            var copy = Math.Min(read, _head.Length - _headLength);
            buffer.Span[..copy].CopyTo(_head.AsSpan(_headLength));
            _headLength += copy;
        }
        Total += read;
        return read;
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Read asynchronously.");
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => Total; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
