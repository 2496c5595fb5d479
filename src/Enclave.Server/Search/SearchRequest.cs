using System.Globalization;
using System.Text.RegularExpressions;
using Enclave.Server.Web;

namespace Enclave.Server.Search;

/// <summary>
/// A validated search: the words of <c>q</c>, the kinds asked for and the filters. Filters apply to
/// some kinds only (see <see cref="Parse"/>); a kind a filter does not apply to drops out of the search.
/// </summary>
public sealed partial record SearchRequest(
    IReadOnlyList<string> Terms, IReadOnlyList<string> Kinds, Guid? SphereId, Guid? OrganizationId, Guid? AuthorId,
    string? Tag, DateTime? From, DateTime? To, SearchCursor? Cursor, int Limit)
{
    public const int MaxQueryLength = 200;
    public const int MaxTerms = 16;

    public static SearchRequest Parse(string? q, string? type, string? sphereId, string? organizationId, string? authorId,
        string? tag, string? from, string? to, string? cursor, int? limit)
    {
        var v = new Validation();
        var terms = new List<string>();
        if (string.IsNullOrWhiteSpace(q)) v.Add("q", "is required.");
        else if (q.Length > MaxQueryLength) v.Add("q", $"must be at most {MaxQueryLength} characters.");
        else
        {
            // Only letters and digits reach the engines: no query syntax, so no syntax errors and no operators from users.
            terms = Word().Matches(q).Select(m => m.Value).Distinct(StringComparer.OrdinalIgnoreCase).Take(MaxTerms).ToList();
            if (terms.Count == 0) v.Add("q", "must contain at least one letter or digit.");
        }

        var explicitKinds = type is not null;
        var kinds = new List<string>();
        foreach (var part in (type ?? "posts,comments,spheres,people").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var kind = part switch
            {
                "posts" => SearchKinds.Post, "comments" => SearchKinds.Comment, "spheres" => SearchKinds.Sphere, "people" => SearchKinds.Person, _ => null,
            };
            if (kind is null) v.Add("type", "must be a comma-separated list of posts, comments, spheres, people.");
            else if (!kinds.Contains(kind)) kinds.Add(kind);
        }
        if (explicitKinds && kinds.Count == 0 && v.IsValid) v.Add("type", "must name at least one of posts, comments, spheres, people.");

        var sphere = Id(v, "sphereId", sphereId);
        var organization = Id(v, "organizationId", organizationId);
        var author = Id(v, "authorId", authorId);
        var fromDate = Date(v, "from", from);
        var toDate = Date(v, "to", to);
        if (fromDate is not null && toDate is not null && fromDate >= toDate) v.Add("to", "must be after from.");
        var normalizedTag = tag?.Trim().TrimStart('#').ToLowerInvariant();
        if (tag is not null && (normalizedTag!.Length == 0 || normalizedTag.Length > 50)) v.Add("tag", "must be 1 to 50 characters.");

        // Which kinds each filter applies to: people are never filtered by place (that would reveal memberships).
        Narrow(v, kinds, explicitKinds, "sphereId", sphere is not null, SearchKinds.Post, SearchKinds.Comment, SearchKinds.Sphere);
        Narrow(v, kinds, explicitKinds, "organizationId", organization is not null, SearchKinds.Post, SearchKinds.Comment, SearchKinds.Sphere);
        Narrow(v, kinds, explicitKinds, "authorId", author is not null, SearchKinds.Post, SearchKinds.Comment);
        Narrow(v, kinds, explicitKinds, "tag", tag is not null, SearchKinds.Post, SearchKinds.Comment);
        Narrow(v, kinds, explicitKinds, "from", fromDate is not null, SearchKinds.Post, SearchKinds.Comment);
        Narrow(v, kinds, explicitKinds, "to", toDate is not null, SearchKinds.Post, SearchKinds.Comment);

        var take = Paging.Limit(limit);
        v.ThrowIfAny();
        var after = SearchCursor.Decode(cursor);
        return new SearchRequest(terms, kinds, sphere, organization, author, normalizedTag, fromDate, toDate, after, take);
    }

    private static void Narrow(Validation v, List<string> kinds, bool explicitKinds, string field, bool present, params string[] appliesTo)
    {
        if (!present || !v.IsValid && kinds.Count == 0) return;
        var kept = kinds.Where(appliesTo.Contains).ToList();
        if (kept.Count == 0 && explicitKinds)
        {
            v.Add(field, $"applies only to {string.Join(", ", appliesTo.Select(k => k == SearchKinds.Person ? "people" : k + "s"))}.");
            return;
        }
        kinds.RemoveAll(k => !appliesTo.Contains(k));
    }

    private static Guid? Id(Validation v, string field, string? value)
    {
        if (string.IsNullOrEmpty(value)) return null;
        if (Guid.TryParse(value, out var id)) return id;
        v.Add(field, "is not a valid id.");
        return null;
    }

    /// <summary>ISO 8601 dates or date-times; without an offset, UTC.</summary>
    private static DateTime? Date(Validation v, string field, string? value)
    {
        if (string.IsNullOrEmpty(value)) return null;
        string[] formats = ["yyyy-MM-dd", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF", "yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-ddTHH:mm:ss.FFFFFFFK", "yyyy-MM-ddTHH:mmK"];
        if (DateTimeOffset.TryParseExact(value, formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date))
            return date.UtcDateTime;
        v.Add(field, "must be an ISO 8601 date or date-time (e.g. 2026-11-22 or 2026-11-22T08:30:00Z).");
        return null;
    }

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}\p{M}]*")]
    private static partial Regex Word();
}
