using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Markdig;

namespace Enclave.Server.Posts.Rendering;

/// <summary>What a body refers to: <c>@user</c>, <c>@@group</c> and <c>#tag</c> outside code and links.</summary>
public sealed record BodyReferences(IReadOnlySet<string> UserNames, IReadOnlySet<string> GroupHandles, IReadOnlySet<string> Tags);

/// <summary>Mentions that resolved to members (lower-case name to id) and groups of the sphere (handle to id).</summary>
public sealed record ResolvedMentions(IReadOnlyDictionary<string, Guid> Users, IReadOnlyDictionary<string, Guid> Groups)
{
    public static readonly ResolvedMentions None = new(new Dictionary<string, Guid>(), new Dictionary<string, Guid>());
}

/// <summary>
/// CommonMark (Markdig) with raw HTML disabled, then <see cref="HtmlSanitizer"/>. Mentions that
/// resolve become links; the others stay plain text, so a mention never reveals who exists.
/// </summary>
public static partial class MarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .UseTaskLists()
        .UseListExtras()
        .UseSoftlineBreakAsHardlineBreak()
        .Build();

    public static BodyReferences Extract(string markdown)
    {
        var users = new HashSet<string>(StringComparer.Ordinal);
        var groups = new HashSet<string>(StringComparer.Ordinal);
        var tags = new HashSet<string>(StringComparer.Ordinal);
        HtmlSanitizer.Sanitize(Markdown.ToHtml(markdown, Pipeline), body =>
        {
            foreach (var text in TextNodes(body))
            {
                foreach (Match m in ReferencePattern().Matches(text.Data))
                {
                    if (m.Groups["group"].Success) groups.Add(m.Groups["group"].Value.ToLowerInvariant());
                    else if (m.Groups["user"].Success) users.Add(TrimName(m.Groups["user"].Value).ToLowerInvariant());
                    else tags.Add(m.Groups["tag"].Value.ToLowerInvariant());
                }
            }
        });
        return new BodyReferences(users, groups, tags);
    }

    public static string Render(string markdown, ResolvedMentions mentions)
    {
        return HtmlSanitizer.Sanitize(Markdown.ToHtml(markdown, Pipeline), body =>
        {
            foreach (var text in TextNodes(body).ToList()) Link(text, mentions);
        });
    }

    private static void Link(IText text, ResolvedMentions mentions)
    {
        var data = text.Data;
        var matches = ReferencePattern().Matches(data);
        if (matches.Count == 0) return;
        var document = text.Owner!;
        var parent = text.Parent!;
        var position = 0;
        foreach (Match m in matches)
        {
            IElement? element = null;
            var length = m.Length;
            if (m.Groups["group"].Success && mentions.Groups.TryGetValue(m.Groups["group"].Value.ToLowerInvariant(), out var groupId))
            {
                element = document.CreateElement("span");
                element.SetAttribute("class", "mention mention-group");
                element.SetAttribute("data-group-id", groupId.ToString());
                element.TextContent = m.Value;
            }
            else if (m.Groups["user"].Success && !m.Groups["group"].Success)
            {
                var name = TrimName(m.Groups["user"].Value);
                length = name.Length + 1;
                if (mentions.Users.TryGetValue(name.ToLowerInvariant(), out var userId))
                {
                    element = document.CreateElement("a");
                    element.SetAttribute("class", "mention");
                    element.SetAttribute("href", $"/people/{userId}");
                    element.SetAttribute("data-user-id", userId.ToString());
                    element.TextContent = "@" + name;
                }
            }
            else if (m.Groups["tag"].Success)
            {
                element = document.CreateElement("span");
                element.SetAttribute("class", "tag");
                element.SetAttribute("data-tag", m.Groups["tag"].Value.ToLowerInvariant());
                element.TextContent = m.Value;
            }
            if (element is null) continue;
            if (m.Index > position) parent.InsertBefore(document.CreateTextNode(data[position..m.Index]), text);
            parent.InsertBefore(element, text);
            position = m.Index + length;
        }
        if (position == 0) return;
        if (position < data.Length) parent.InsertBefore(document.CreateTextNode(data[position..]), text);
        text.Remove();
    }

    /// <summary>Text that is prose: not inside links, code or preformatted blocks.</summary>
    private static IEnumerable<IText> TextNodes(INode node)
    {
        foreach (var child in node.ChildNodes)
        {
            if (child is IText text) yield return text;
            else if (child is IElement e && e.LocalName is not ("a" or "code" or "pre"))
                foreach (var inner in TextNodes(e)) yield return inner;
        }
    }

    // A user name may end in '.', '-' or '_' only when followed by more name: "@alice." ends a sentence.
    private static string TrimName(string name) => name.TrimEnd('.', '-', '_');

    [GeneratedRegex(@"(?<![\w@#&/])(?:@@(?<group>[A-Za-z0-9_-]{2,40})|@(?<user>[A-Za-z0-9._-]{3,32})|#(?<tag>[\p{L}\p{N}_-]{1,50}))")]
    private static partial Regex ReferencePattern();
}
