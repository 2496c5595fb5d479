namespace Enclave.Server.Live;

/// <summary>
/// Ids for live events that increase strictly on this node. A plain UUIDv7 is random within its
/// millisecond, but streams skip an event whose id is not after the last one sent (to drop the
/// duplicates of a replay) and replays read the events after the client's last id: two events
/// stored in the same millisecond must therefore be ordered as they were published, or the second
/// can be lost.
/// </summary>
public static class LiveEventIds
{
    private static readonly Lock Gate = new();
    private static Guid _last;

    public static Guid Next()
    {
        lock (Gate)
        {
            var id = Guid.CreateVersion7();
            if (id.CompareTo(_last) <= 0) id = After(_last);
            return _last = id;
        }
    }

    /// <summary>The next id in the same millisecond: the random bits after the version and variant, plus one.</summary>
    public static Guid After(Guid previous)
    {
        Span<byte> bytes = stackalloc byte[16];
        previous.TryWriteBytes(bytes, bigEndian: true, out _);
        for (var i = 15; i >= 9; i--)
            if (++bytes[i] != 0) return new Guid(bytes, bigEndian: true);
        // Byte 8 keeps its two variant bits; its six low bits carry on, then rand_a (byte 7, low nibble of byte 6).
        if ((bytes[8] & 0x3F) != 0x3F)
        {
            bytes[8]++;
            return new Guid(bytes, bigEndian: true);
        }
        // 2^62 ids in one millisecond: move to the next millisecond instead.
        var milliseconds = ((long)bytes[0] << 40) | ((long)bytes[1] << 32) | ((long)bytes[2] << 24) | ((long)bytes[3] << 16) | ((long)bytes[4] << 8) | bytes[5];
        return Guid.CreateVersion7(DateTimeOffset.FromUnixTimeMilliseconds(milliseconds + 1));
    }
}
