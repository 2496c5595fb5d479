using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Enclave.Server.Posts.Rendering;

/// <summary>
/// An allow-list sanitizer on a real HTML parser. Markdown is rendered with raw HTML disabled,
/// so this is the second wall: whatever reaches a reader's browser is only the elements and
/// attributes listed here, links carry <c>rel="noopener noreferrer nofollow"</c>, URLs are
/// http(s)/mailto or relative, and images load only from Enclave itself (an external image
/// would tell a third party who reads the post).
/// </summary>
public static class HtmlSanitizer
{
    private static readonly HashSet<string> AllowedElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "br", "hr", "strong", "b", "em", "i", "del", "s", "code", "pre", "blockquote",
        "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "a", "img",
        "table", "thead", "tbody", "tr", "th", "td", "input", "span", "sup", "sub",
    };

    /// <summary>Elements removed with everything inside them (their text is not content).</summary>
    private static readonly HashSet<string> DroppedWithContent = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "template", "svg", "math",
        "noscript", "noembed", "noframes", "textarea", "select", "option", "form", "button", "head", "title",
        "meta", "link", "base", "xml", "audio", "video", "source", "track", "canvas", "portal", "plaintext", "xmp",
    };

    private static readonly Dictionary<string, string[]> AllowedAttributes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["a"] = ["href", "title"],
        ["img"] = ["src", "alt", "title"],
        ["code"] = ["class"],
        ["th"] = ["align"],
        ["td"] = ["align"],
        ["ol"] = ["start"],
        ["input"] = ["type", "checked", "disabled"],
    };

    private static readonly HtmlParser Parser = new();

    public static string Sanitize(string html, Action<IElement>? enhance = null)
    {
        var document = Parser.ParseDocument("<!DOCTYPE html><html><body></body></html>");
        var body = document.Body!;
        body.InnerHtml = html;
        Clean(body);
        enhance?.Invoke(body);
        return body.InnerHtml;
    }

    private static void Clean(INode parent)
    {
        foreach (var node in parent.ChildNodes.ToList())
        {
            switch (node)
            {
                case IElement element:
                    var name = element.LocalName;
                    if (DroppedWithContent.Contains(name))
                    {
                        element.Remove();
                        continue;
                    }
                    Clean(element);
                    if (!AllowedElements.Contains(name))
                    {
                        // Unknown wrapper: keep what it says, drop the element itself.
                        foreach (var child in element.ChildNodes.ToList()) parent.InsertBefore(child, element);
                        element.Remove();
                        continue;
                    }
                    CleanAttributes(element);
                    break;
                case IComment comment:
                    comment.Remove();
                    break;
                case IText:
                    break;
                default:
                    node.RemoveFromParent();
                    break;
            }
        }
    }

    private static void CleanAttributes(IElement element)
    {
        var allowed = AllowedAttributes.GetValueOrDefault(element.LocalName) ?? [];
        foreach (var attribute in element.Attributes.ToList())
        {
            if (!allowed.Contains(attribute.Name, StringComparer.OrdinalIgnoreCase)) element.RemoveAttribute(attribute.Name);
        }
        switch (element.LocalName)
        {
            case "a":
                var href = element.GetAttribute("href");
                if (href is not null && !UrlPolicy.IsSafeLink(href)) element.RemoveAttribute("href");
                element.SetAttribute("rel", "noopener noreferrer nofollow");
                break;
            case "img":
                var src = element.GetAttribute("src");
                if (src is null || !UrlPolicy.IsLocal(src)) element.Replace(element.Owner!.CreateTextNode(element.GetAttribute("alt") ?? ""));
                break;
            case "code":
                var css = element.GetAttribute("class");
                if (css is not null && !System.Text.RegularExpressions.Regex.IsMatch(css, "^language-[A-Za-z0-9_+#-]{1,30}$")) element.RemoveAttribute("class");
                break;
            case "input":
                if (!string.Equals(element.GetAttribute("type"), "checkbox", StringComparison.OrdinalIgnoreCase)) element.Remove();
                else element.SetAttribute("disabled", "disabled");
                break;
            case "ol":
                if (!int.TryParse(element.GetAttribute("start"), out _)) element.RemoveAttribute("start");
                break;
            case "th" or "td":
                if (element.GetAttribute("align") is not (null or "left" or "right" or "center")) element.RemoveAttribute("align");
                break;
        }
    }
}
