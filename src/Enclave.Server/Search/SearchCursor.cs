using Enclave.Server.Web;

namespace Enclave.Server.Search;

/// <summary>
/// The opaque keyset cursor of a result list: the rank and id of the last result seen (results
/// are ordered by rank, then id, both descending). No offsets: a deep page costs what the first
/// one does, and nothing is counted twice when earlier pages are not re-read.
/// </summary>
public readonly record struct SearchCursor(double Rank, Guid Id)
{
    public string Encode()
    {
        Span<byte> bytes = stackalloc byte[24];
        BitConverter.TryWriteBytes(bytes[..8], BitConverter.DoubleToInt64Bits(Rank));
        Id.TryWriteBytes(bytes[8..], bigEndian: true, out _);
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static SearchCursor? Decode(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor)) return null;
        if (cursor.Length == 32)
        {
            try
            {
                var bytes = Convert.FromBase64String(cursor.Replace('-', '+').Replace('_', '/'));
                var rank = BitConverter.Int64BitsToDouble(BitConverter.ToInt64(bytes, 0));
                if (double.IsFinite(rank)) return new SearchCursor(rank, new Guid(bytes.AsSpan(8), bigEndian: true));
            }
            catch (FormatException)
            {
            }
        }
        Validation.Field("cursor", "is not a cursor returned by this search.");
        return null;
    }
}
