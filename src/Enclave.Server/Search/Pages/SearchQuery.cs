using System.Globalization;

namespace Enclave.Server.Search.Pages;

/// <summary>The search page's query string: what the filter form shows and what the "More results" link keeps.</summary>
public sealed record SearchQuery(string? Q = null, string? Type = null, string? SphereId = null, string? OrganizationId = null,
    string? AuthorId = null, string? Tag = null, string? From = null, string? To = null)
{
    public static readonly string[] Types = ["posts", "comments", "spheres", "people"];

    /// <summary>One kind from the form, or all of them.</summary>
    public string? ApiType => Types.Contains(Type) ? Type : null;

    /// <summary>The form's "to" is a day the person includes; the API's bound is exclusive, so the day after.</summary>
    public string? ApiTo =>
        string.IsNullOrWhiteSpace(To) ? null
        : DateOnly.TryParseExact(To.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : To.Trim();

    public bool HasFilters => ApiType is not null || !string.IsNullOrWhiteSpace(SphereId) || !string.IsNullOrWhiteSpace(OrganizationId) ||
        !string.IsNullOrWhiteSpace(AuthorId) || !string.IsNullOrWhiteSpace(Tag) || !string.IsNullOrWhiteSpace(From) || !string.IsNullOrWhiteSpace(To);

    public string Url(string? cursor = null)
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value)) parts.Add($"{name}={Uri.EscapeDataString(value)}");
        }
        Add("q", Q);
        Add("type", ApiType);
        Add("sphereId", SphereId);
        Add("organizationId", OrganizationId);
        Add("authorId", AuthorId);
        Add("tag", Tag);
        Add("from", From);
        Add("to", To);
        Add("cursor", cursor);
        return "/search?" + string.Join("&", parts);
    }
}
