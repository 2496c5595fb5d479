namespace Enclave.Server.Posts.Rendering;

/// <summary>Which URLs may appear in rendered content.</summary>
public static class UrlPolicy
{
    private static readonly string[] LinkSchemes = ["http", "https", "mailto"];

    /// <summary>Links: http, https, mailto, or a relative reference. Control characters and whitespace tricks count as unsafe.</summary>
    public static bool IsSafeLink(string url)
    {
        var value = url.Trim();
        if (value.Length == 0 || value.Any(c => char.IsControl(c) || c == '\\')) return false;
        var scheme = SchemeOf(value);
        return scheme is null || LinkSchemes.Contains(scheme, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Images: only paths on this server (no scheme, no protocol-relative host).</summary>
    public static bool IsLocal(string url)
    {
        var value = url.Trim();
        return value.StartsWith('/') && !value.StartsWith("//", StringComparison.Ordinal) && !value.Any(c => char.IsControl(c) || c == '\\' || char.IsWhiteSpace(c));
    }

    /// <summary>The scheme, when a ':' comes before any '/', '?' or '#'; null for a relative reference.</summary>
    private static string? SchemeOf(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == ':') return value[..i];
            if (c is '/' or '?' or '#') return null;
        }
        return null;
    }
}
