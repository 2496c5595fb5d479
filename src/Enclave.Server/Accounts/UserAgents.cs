namespace Enclave.Server.Accounts;

/// <summary>
/// A short description of a session's device from its User-Agent header ("Firefox on Linux"), good
/// enough for a person to recognise their own devices; the full string stays available beside it.
/// Order matters: Edge and Chrome also say "Safari", Android also says "Linux".
/// </summary>
public static class UserAgents
{
    public static (string? Browser, string? System) Parse(string? userAgent)
    {
        var u = userAgent ?? "";
        string? browser =
            u.Contains("Edg/", StringComparison.Ordinal) ? "Edge" :
            u.Contains("OPR/", StringComparison.Ordinal) ? "Opera" :
            u.Contains("Firefox/", StringComparison.Ordinal) ? "Firefox" :
            u.Contains("Chrome/", StringComparison.Ordinal) || u.Contains("Chromium/", StringComparison.Ordinal) ? "Chrome" :
            u.Contains("Safari/", StringComparison.Ordinal) ? "Safari" : null;
        string? system =
            u.Contains("Android", StringComparison.Ordinal) ? "Android" :
            u.Contains("iPhone", StringComparison.Ordinal) || u.Contains("iPad", StringComparison.Ordinal) ? "iOS" :
            u.Contains("Windows", StringComparison.Ordinal) ? "Windows" :
            u.Contains("Mac OS", StringComparison.Ordinal) ? "macOS" :
            u.Contains("CrOS", StringComparison.Ordinal) ? "ChromeOS" :
            u.Contains("Linux", StringComparison.Ordinal) ? "Linux" : null;
        return (browser, system);
    }

    /// <summary>The English description the API gives: "Firefox on Linux", "Chrome", "Unknown device"...</summary>
    public static string Describe(string? userAgent) => Parse(userAgent) switch
    {
        ({ } b, { } s) => $"{b} on {s}",
        ({ } b, null) => b,
        (null, { } s) => s,
        _ => string.IsNullOrEmpty(userAgent) ? "Unknown device" : "Program or other device",
    };
}
