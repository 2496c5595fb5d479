using System.Linq.Expressions;

namespace Enclave.Server.Web;

/// <summary>A page of a keyset-paginated list: pass <see cref="NextCursor"/> back as <c>cursor</c>.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>
/// Keyset pagination over UUIDv7 keys, which are time-ordered on both engines (SQLite compares
/// the text form, PostgreSQL the bytes; both follow the timestamp prefix). The cursor is opaque
/// to clients: the base64url form of the last key seen.
/// </summary>
public static class Paging
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public static int Limit(int? requested)
    {
        if (requested is null) return DefaultLimit;
        if (requested < 1 || requested > MaxLimit) Validation.Field("limit", $"must be between 1 and {MaxLimit}.");
        return requested!.Value;
    }

    public static Guid? Decode(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor)) return null;
        try
        {
            var padded = cursor.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            var bytes = Convert.FromBase64String(padded);
            if (bytes.Length == 16) return new Guid(bytes, bigEndian: true);
        }
        catch (FormatException)
        {
        }
        Validation.Field("cursor", "is not a cursor returned by this list.");
        return null;
    }

    public static string Encode(Guid key) =>
        Convert.ToBase64String(key.ToByteArray(bigEndian: true)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Orders by key (ascending unless <paramref name="descending"/>), starts after the cursor, and fetches one extra row to know whether more exist.</summary>
    public static async Task<Page<TOut>> ToPageAsync<TRow, TOut>(
        this IQueryable<TRow> query, Expression<Func<TRow, Guid>> key, string? cursor, int? limit,
        Func<TRow, TOut> map, CancellationToken cancellationToken, bool descending = false)
    {
        var take = Limit(limit);
        var after = Decode(cursor);
        if (after is { } a)
        {
            var parameter = key.Parameters[0];
            Func<Expression, Expression, BinaryExpression> comparison = descending ? Expression.LessThan : Expression.GreaterThan;
            var compare = comparison(
                Expression.Call(key.Body, typeof(Guid).GetMethod(nameof(Guid.CompareTo), [typeof(Guid)])!, Expression.Constant(a)),
                Expression.Constant(0));
            query = query.Where(Expression.Lambda<Func<TRow, bool>>(compare, parameter));
        }
        var rows = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            (descending ? query.OrderByDescending(key) : query.OrderBy(key)).Take(take + 1), cancellationToken);
        var keyOf = key.Compile();
        var next = rows.Count > take ? Encode(keyOf(rows[take - 1])) : null;
        return new Page<TOut>(rows.Take(take).Select(map).ToList(), next);
    }
}
