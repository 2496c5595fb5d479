using System.Text.RegularExpressions;

namespace Enclave.Server.Privacy.Closing;

/// <summary>
/// Rewrites mentions of an anonymized person in other people's words: <c>@name</c> in the
/// Markdown and the rendered mention link in the HTML both become the plain text
/// <c>@former-member</c>, which links to no one.
/// </summary>
public sealed class MentionRewriter(Guid userId, string userName)
{
    public const string Replacement = "@former-member";

    private readonly Regex _markdown = new(@"(?<![\w@#&/])@" + Regex.Escape(userName) + @"(?![A-Za-z0-9_-])(?!\.[A-Za-z0-9_-])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    private readonly Regex _link = new(@"<a\b[^>]*\bhref=""/people/" + userId + @"""[^>]*>[^<]*</a>",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>Lower-cased text a body contains when it may mention the person (a cheap filter for the database).</summary>
    public string Needle => "@" + userName.ToLowerInvariant();
    public string LinkNeedle => "/people/" + userId;

    public string Markdown(string body) => _markdown.Replace(body, Replacement);

    public string Html(string html) => _markdown.Replace(_link.Replace(html, Replacement), Replacement);
}
