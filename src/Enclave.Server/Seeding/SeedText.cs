using System.Text;

namespace Enclave.Server.Seeding;

/// <summary>A generated body: its Markdown and the HTML the app's renderer makes of it.</summary>
public readonly record struct SeedBody(string Markdown, string Html);

/// <summary>
/// Markdown bodies built from <see cref="SeedWords"/>: French or English sentences, sometimes a
/// bold word, a bullet list, mentions (<c>@user000123</c>) and tags (<c>#projet</c>), all chosen by
/// the seeded stream. The HTML is written alongside, in the exact form <c>MarkdownRenderer.Render</c>
/// gives for this small grammar (a test compares the two on many bodies): rendering two million
/// bodies through Markdig and the sanitizer would take most of the load's time.
/// </summary>
public static class SeedText
{
    public static SeedBody Post(SeedRandom rng, bool french, IReadOnlyList<(string Name, Guid Id)> mentions, IReadOnlyList<string> tags)
    {
        var md = new StringBuilder();
        var html = new StringBuilder();
        var paragraphs = 1 + rng.Geometric(0.6);
        for (var p = 0; p < paragraphs; p++)
        {
            if (p > 0) md.Append("\n\n");
            html.Append("<p>");
            if (p == 0)
                foreach (var (name, id) in mentions)
                {
                    md.Append('@').Append(name).Append(' ');
                    html.Append($"<a class=\"mention\" href=\"/people/{id}\" data-user-id=\"{id}\">@{name}</a> ");
                }
            var sentences = rng.Next(1, 4);
            for (var s = 0; s < sentences; s++)
            {
                if (s > 0) Both(md, html, " ");
                Sentence(rng, french, md, html, bold: rng.Chance(0.15));
            }
            html.Append("</p>\n");
        }
        if (rng.Chance(0.15))
        {
            md.Append("\n\n");
            html.Append("<ul>\n");
            var items = rng.Next(2, 5);
            for (var i = 0; i < items; i++)
            {
                if (i > 0) md.Append('\n');
                md.Append("- ");
                html.Append("<li>");
                Words(rng, french, md, html, rng.Next(2, 7));
                html.Append("</li>\n");
            }
            html.Append("</ul>\n");
        }
        if (tags.Count > 0)
        {
            md.Append("\n\n").Append(string.Join(' ', tags.Select(t => "#" + t)));
            html.Append("<p>").Append(string.Join(' ', tags.Select(t => $"<span class=\"tag\" data-tag=\"{t}\">#{t}</span>"))).Append("</p>\n");
        }
        return new SeedBody(md.ToString(), html.ToString());
    }

    public static SeedBody Comment(SeedRandom rng, bool french)
    {
        var md = new StringBuilder();
        var html = new StringBuilder("<p>");
        var sentences = rng.Next(1, 3);
        for (var s = 0; s < sentences; s++)
        {
            if (s > 0) Both(md, html, " ");
            Sentence(rng, french, md, html, bold: false);
        }
        html.Append("</p>\n");
        return new SeedBody(md.ToString(), html.ToString());
    }

    private static void Sentence(SeedRandom rng, bool french, StringBuilder md, StringBuilder html, bool bold)
    {
        var count = rng.Next(5, 17);
        var boldAt = bold ? rng.Next(1, count) : -1;
        var words = french ? SeedWords.French : SeedWords.English;
        for (var i = 0; i < count; i++)
        {
            if (i > 0) Both(md, html, " ");
            var word = rng.Pick(words);
            if (i == 0) word = char.ToUpperInvariant(word[0]) + word[1..];
            if (i == boldAt)
            {
                md.Append("**").Append(word).Append("**");
                html.Append("<strong>").Append(word).Append("</strong>");
            }
            else Both(md, html, word);
        }
        Both(md, html, rng.Next(10) switch { 0 => "?", 1 => "!", _ => "." });
    }

    private static void Words(SeedRandom rng, bool french, StringBuilder md, StringBuilder html, int count)
    {
        var words = french ? SeedWords.French : SeedWords.English;
        for (var i = 0; i < count; i++)
        {
            if (i > 0) Both(md, html, " ");
            var word = rng.Pick(words);
            Both(md, html, i == 0 ? char.ToUpperInvariant(word[0]) + word[1..] : word);
        }
    }

    /// <summary>Text that reads the same in both (the vocabulary has no character HTML escapes).</summary>
    private static void Both(StringBuilder md, StringBuilder html, string text)
    {
        md.Append(text);
        html.Append(text);
    }
}
