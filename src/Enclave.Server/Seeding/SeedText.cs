using System.Text;

namespace Enclave.Server.Seeding;

/// <summary>
/// Markdown bodies built from <see cref="SeedWords"/>: French or English sentences, sometimes a
/// bold word, a bullet list, mentions (<c>@user000123</c>) and tags (<c>#projet</c>), all chosen by the seeded stream.
/// </summary>
public static class SeedText
{
    public static string Post(SeedRandom rng, bool french, IReadOnlyList<string> mentions, IReadOnlyList<string> tags)
    {
        var text = new StringBuilder();
        if (mentions.Count > 0) text.Append(string.Join(' ', mentions.Select(m => "@" + m))).Append(' ');
        var paragraphs = 1 + rng.Geometric(0.6);
        for (var p = 0; p < paragraphs; p++)
        {
            if (p > 0) text.Append("\n\n");
            var sentences = rng.Next(1, 4);
            for (var s = 0; s < sentences; s++)
            {
                if (s > 0) text.Append(' ');
                Sentence(rng, french, text, bold: rng.Chance(0.15));
            }
        }
        if (rng.Chance(0.15))
        {
            text.Append("\n\n");
            var items = rng.Next(2, 5);
            for (var i = 0; i < items; i++)
            {
                if (i > 0) text.Append('\n');
                text.Append("- ");
                Words(rng, french, text, rng.Next(2, 7), capitalize: true);
            }
        }
        if (tags.Count > 0) text.Append("\n\n").Append(string.Join(' ', tags.Select(t => "#" + t)));
        return text.ToString();
    }

    public static string Comment(SeedRandom rng, bool french)
    {
        var text = new StringBuilder();
        var sentences = rng.Next(1, 3);
        for (var s = 0; s < sentences; s++)
        {
            if (s > 0) text.Append(' ');
            Sentence(rng, french, text, bold: false);
        }
        return text.ToString();
    }

    private static void Sentence(SeedRandom rng, bool french, StringBuilder text, bool bold)
    {
        var count = rng.Next(5, 17);
        var boldAt = bold ? rng.Next(1, count) : -1;
        var words = french ? SeedWords.French : SeedWords.English;
        for (var i = 0; i < count; i++)
        {
            if (i > 0) text.Append(' ');
            var word = rng.Pick(words);
            if (i == 0) word = char.ToUpperInvariant(word[0]) + word[1..];
            text.Append(i == boldAt ? $"**{word}**" : word);
        }
        text.Append(rng.Next(10) switch { 0 => '?', 1 => '!', _ => '.' });
    }

    private static void Words(SeedRandom rng, bool french, StringBuilder text, int count, bool capitalize)
    {
        var words = french ? SeedWords.French : SeedWords.English;
        for (var i = 0; i < count; i++)
        {
            if (i > 0) text.Append(' ');
            var word = rng.Pick(words);
            text.Append(capitalize && i == 0 ? char.ToUpperInvariant(word[0]) + word[1..] : word);
        }
    }
}
