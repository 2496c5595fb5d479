namespace Enclave.Server.Spheres.Pages;

/// <summary>The sphere types as the forms offer them, each with its one-line explanation (keys of Text).</summary>
public static class SphereTypes
{
    public static readonly IReadOnlyList<(SphereType Type, string Name, string Explanation)> All =
    [
        (SphereType.Classic, "Classic", "Private: people join by invitation only. The default, and the safest."),
        (SphereType.Open, "Open", "Any member of the organization may walk in."),
        (SphereType.Global, "Global", "Every member of the organization is in it automatically."),
        (SphereType.Public, "Public", "Anyone with the link can read it, even without an account."),
        (SphereType.Restricted, "Restricted", "Only the staff publish; members comment and write privately to the staff; the directory is hidden."),
        (SphereType.Visitor, "Visitor", "Members can invite external visitors, who get limited rights."),
        (SphereType.Forum, "Forum", "Questions and answers: comments wait for the staff's approval."),
    ];

    /// <summary>The types the API accepts here: personal spheres have no organization to open to; only managers make a sphere global.</summary>
    public static IEnumerable<(SphereType Type, string Name, string Explanation)> Offered(bool personal, bool manager, SphereType? current = null) =>
        All.Where(t => t.Type == current ||
            !(personal && t.Type is SphereType.Open or SphereType.Global or SphereType.Visitor) && (t.Type != SphereType.Global || manager));

    /// <summary>Types that let people beyond the invited members in (or read): choosing one is a deliberate act.</summary>
    public static bool Opens(SphereType type) => type is SphereType.Open or SphereType.Public or SphereType.Global;

    public static SphereType? Parse(string? value) =>
        Enum.TryParse<SphereType>(value, ignoreCase: true, out var type) && Enum.IsDefined(type) ? type : null;

    /// <summary>The type a form sent: none keeps the API's default; an unknown one is the API's own validation error, not a silent default.</summary>
    public static SphereType? FromForm(string? value)
    {
        if (string.IsNullOrEmpty(value)) return null;
        var type = Parse(value);
        if (type is null) Web.Validation.Field("type", "is not a sphere type.");
        return type;
    }

    public static string Value(SphereType type) => type.ToString().ToLowerInvariant();
}
