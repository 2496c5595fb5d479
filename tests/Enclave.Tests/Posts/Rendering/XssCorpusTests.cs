using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Enclave.Server.Posts.Rendering;

namespace Enclave.Tests.Posts.Rendering;

public sealed class XssCorpusTests
{
    private static readonly HashSet<string> SafeElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "br", "hr", "strong", "b", "em", "i", "del", "s", "code", "pre", "blockquote", "ul", "ol", "li",
        "h1", "h2", "h3", "h4", "h5", "h6", "a", "img", "table", "thead", "tbody", "tr", "th", "td", "input", "span", "sup", "sub",
    };

    public static IEnumerable<object[]> Vectors() => XssVectors.All.Select(v => new object[] { v });

    [Fact]
    public void The_corpus_holds_at_least_a_hundred_vectors() => Assert.True(XssVectors.All.Length >= 100, $"{XssVectors.All.Length} vectors");

    /// <summary>An independent check of the output, on a fresh parse: no script, no handlers, no dangerous URLs, no foreign images.</summary>
    [Theory, MemberData(nameof(Vectors))]
    public void No_vector_survives_rendering(string vector) => AssertHarmless(MarkdownRenderer.Render(vector, ResolvedMentions.None));

    /// <summary>The sanitizer is a wall of its own: fed the raw HTML directly (as if Markdown let HTML through), nothing survives either.</summary>
    [Theory, MemberData(nameof(Vectors))]
    public void The_sanitizer_alone_stops_every_vector(string vector) => AssertHarmless(HtmlSanitizer.Sanitize(vector));

    private static void AssertHarmless(string html)
    {
        var document = new HtmlParser().ParseDocument($"<!DOCTYPE html><html><body>{html}</body></html>");
        foreach (var element in document.Body!.QuerySelectorAll("*"))
        {
            Assert.True(SafeElements.Contains(element.LocalName), $"element <{element.LocalName}> survived: {html}");
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"handler {attribute.Name} survived: {html}");
                Assert.NotEqual("style", attribute.Name, StringComparer.OrdinalIgnoreCase);
                if (attribute.Name is "href" or "src" or "action" or "formaction" or "background" or "xlink:href")
                    AssertSafeUrl(attribute.Value, html);
            }
            if (element.LocalName == "img") Assert.StartsWith("/", element.GetAttribute("src") ?? "");
            if (element.LocalName == "a" && element.HasAttribute("href")) Assert.Equal("noopener noreferrer nofollow", element.GetAttribute("rel"));
            if (element.LocalName == "input") Assert.Equal("checkbox", element.GetAttribute("type"));
        }
    }

    private static void AssertSafeUrl(string url, string html)
    {
        var squeezed = new string(url.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray()).ToLowerInvariant();
        foreach (var scheme in new[] { "javascript:", "vbscript:", "data:", "livescript:" })
            Assert.False(squeezed.StartsWith(scheme, StringComparison.Ordinal), $"dangerous URL {url} survived: {html}");
    }

    [Fact]
    public void Ordinary_markdown_still_renders()
    {
        var html = MarkdownRenderer.Render("**Bonjour** _à tous_, see [the plan](https://example.org/plan) and `code`\n\n- [x] done", ResolvedMentions.None);
        Assert.Contains("<strong>Bonjour</strong>", html);
        Assert.Contains("<em>à tous</em>", html);
        Assert.Contains("<a href=\"https://example.org/plan\" rel=\"noopener noreferrer nofollow\">the plan</a>", html);
        Assert.Contains("<code>code</code>", html);
        Assert.Contains("type=\"checkbox\"", html);
    }

    [Fact]
    public void Raw_html_is_shown_as_text_not_markup()
    {
        var html = MarkdownRenderer.Render("<b>not bold</b>", ResolvedMentions.None);
        Assert.DoesNotContain("<b>", html);
        Assert.Contains("&lt;b&gt;not bold&lt;/b&gt;", html);
    }
}
