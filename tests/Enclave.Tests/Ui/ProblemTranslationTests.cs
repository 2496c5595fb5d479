using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Enclave.Server.Ui;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Enclave.Tests.Ui;

/// <summary>
/// The pages show the API's problem titles and field messages to people (ProblemAlert, Field, the
/// layout's flash) through <see cref="ProblemText"/>. Every such message written as a literal in the
/// server has its French in Ui/Text.fr.resx, exactly or through its digit template, and nouns of
/// "The {what} does not exist..." have their <c>noun:</c> entry.
/// </summary>
public sealed partial class ProblemTranslationTests
{
    private static readonly string Source = Path.Combine(RepositoryRoot(), "src", "Enclave.Server");
    private static readonly Dictionary<string, string> French = Resources(Path.Combine(Source, "Ui", "Text.fr.resx"));

    /// <summary>What an interpolation hole becomes at run time, when it is not simply a number.</summary>
    private static readonly Dictionary<string, string[]> HoleValues = new()
    {
        ["FormatSize(max)"] = ["7 MiB", "7 KiB", "7 bytes"],
        ["HeaderName"] = [Enclave.Server.Web.CsrfFilter.HeaderName],
    };

    [Fact]
    public void Every_problem_title_and_field_message_has_a_french_translation()
    {
        var (messages, nouns) = Scan();
        var missing = new List<string>();
        foreach (var (literal, file) in messages)
        {
            if (literal.Contains("{what}", StringComparison.Ordinal)) continue; // NotFound: checked through its nouns below
            foreach (var runtime in RuntimeForms(literal))
                if (Missing(runtime) is { } why) missing.Add($"{file}: \"{runtime}\" {why}");
        }
        if (Missing(ProblemText.NotFoundTemplate) is { } template) missing.Add($"\"{ProblemText.NotFoundTemplate}\" {template}");
        foreach (var noun in nouns)
            if (!French.TryGetValue("noun:" + noun, out var value) || string.IsNullOrWhiteSpace(value))
                missing.Add($"ProblemException.NotFound(\"{noun}\"): no \"noun:{noun}\"");
        Assert.True(missing.Count == 0, "Missing French in Ui/Text.fr.resx (merge with scripts/i18n-merge.py):\n" + string.Join("\n", missing));
    }

    [Fact]
    public void The_scan_finds_known_titles_and_messages()
    {
        var (messages, nouns) = Scan();
        Assert.Equal(Path.Combine("Accounts", "LoginService.cs"), messages["The user name, email or password is incorrect."]);
        Assert.Contains("must be at least {PasswordMinLength} characters.", messages.Keys);
        Assert.Contains("is not a valid email address.", messages.Keys);
        Assert.Contains("is already used by an account.", messages.Keys);
        Assert.Contains("The {what} does not exist or is not visible to you.", messages.Keys);
        Assert.Contains("sphere", nouns);
        Assert.True(messages.Count > 100, $"only {messages.Count} messages found");
    }

    [Fact]
    public void Translates_an_exact_title() =>
        InFrench(t => Assert.Equal("Le nom d'utilisateur, l'e-mail ou le mot de passe est incorrect.",
            ProblemText.Translate(t, "The user name, email or password is incorrect.")));

    [Fact]
    public void Translates_a_message_with_numbers_through_its_template() =>
        InFrench(t =>
        {
            Assert.Equal("doit contenir au moins 10 caractères.", ProblemText.Translate(t, "must be at least 10 characters."));
            Assert.Equal("doit être compris entre 1 et 100.", ProblemText.Translate(t, "must be between 1 and 100."));
        });

    [Fact]
    public void Translates_a_not_found_title_with_its_noun() =>
        InFrench(t => Assert.Equal("La sphère n'existe pas ou ne vous est pas visible.",
            ProblemText.Translate(t, "The sphere does not exist or is not visible to you.")));

    [Fact]
    public void Gives_back_an_unknown_message_in_english() =>
        InFrench(t =>
        {
            Assert.Equal("Something nobody wrote down 42 times.", ProblemText.Translate(t, "Something nobody wrote down 42 times."));
            Assert.Equal("The unicorn does not exist or is not visible to you.", ProblemText.Translate(t, "The unicorn does not exist or is not visible to you."));
        });

    [Fact]
    public void Keeps_english_for_english_readers()
    {
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo("en");
            var t = Localizer();
            Assert.Equal("must be at least 10 characters.", ProblemText.Translate(t, "must be at least 10 characters."));
            Assert.Equal("The sphere does not exist or is not visible to you.", ProblemText.Translate(t, "The sphere does not exist or is not visible to you."));
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    private static void InFrench(Action<IStringLocalizer> test)
    {
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo("fr");
            test(Localizer());
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    private static IStringLocalizer Localizer() =>
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance).Create(typeof(Text));

    /// <summary>Why <paramref name="message"/> would show in English, or null when it has French.</summary>
    private static string? Missing(string message)
    {
        if (French.TryGetValue(message, out var exact) && !string.IsNullOrWhiteSpace(exact)) return null;
        var template = ProblemText.DigitTemplate(message, out var numbers);
        if (numbers.Length > 0 && French.TryGetValue(template, out var value) && !string.IsNullOrWhiteSpace(value))
            return Placeholders(template).SetEquals(Placeholders(value)) ? null : $"has other placeholders in French: \"{value}\"";
        return numbers.Length > 0 ? $"(nor its template \"{template}\")" : "";
    }

    /// <summary>The messages a literal can produce: each hole takes its sample values (a number unless <see cref="HoleValues"/> says otherwise).</summary>
    private static IEnumerable<string> RuntimeForms(string literal)
    {
        IEnumerable<string> forms = [""];
        var last = 0;
        foreach (Match hole in HolePattern().Matches(literal))
        {
            var before = literal[last..hole.Index];
            var values = HoleValues.TryGetValue(hole.Groups[1].Value.Trim(), out var v) ? v : ["7"];
            forms = forms.SelectMany(f => values.Select(value => f + before + value)).ToList();
            last = hole.Index + hole.Length;
        }
        return forms.Select(f => f + literal[last..]);
    }

    /// <summary>Literal titles and field messages of src/Enclave.Server outside Ui (message → file), and the nouns of NotFound.</summary>
    private static (Dictionary<string, string> Messages, HashSet<string> Nouns) Scan()
    {
        var messages = new Dictionary<string, string>(StringComparer.Ordinal);
        var nouns = new HashSet<string>(StringComparer.Ordinal);
        var ui = Path.Combine(Source, "Ui") + Path.DirectorySeparatorChar;
        foreach (var file in Directory.EnumerateFiles(Source, "*.cs", SearchOption.AllDirectories))
        {
            if (file.StartsWith(ui, StringComparison.Ordinal) || file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)) continue;
            var text = File.ReadAllText(file);
            foreach (var pattern in MessagePatterns)
                foreach (Match m in pattern.Matches(text))
                    foreach (var capture in m.Groups.Cast<Group>().Skip(1).Where(g => g.Success && g.Name.StartsWith("m", StringComparison.Ordinal)))
                    {
                        var message = Regex.Unescape(capture.Value);
                        if (message.Contains(' ')) messages.TryAdd(message, Path.GetRelativePath(Source, file));
                    }
            foreach (Match m in NotFoundPattern().Matches(text)) nouns.Add(m.Groups[1].Success ? m.Groups[1].Value : "resource");
        }
        return (messages, nouns);
    }

    /// <summary>A string literal, possibly interpolated: its text is the group <c>m</c> (or <c>m2</c>).</summary>
    private const string Literal = @"\$?""(?<m>(?:[^""\\]|\\.)*)""";
    private const string Literal2 = @"\$?""(?<m2>(?:[^""\\]|\\.)*)""";

    private static readonly Regex[] MessagePatterns =
    [
        // new ProblemException(status, "code", "Title", ...) and target-typed new(status, "code", "Title")
        new(@"new(?:\s+ProblemException)?\(\s*(?:\d+|StatusCodes\.\w+)\s*,\s*""[^""]*""\s*,\s*" + Literal),
        // ProblemException.Forbidden/Conflict/Unprocessable("code", "Title"), also with a conditional title
        new(@"ProblemException\.(?:Forbidden|Conflict|Unprocessable)\(\s*[\w.""]+\s*,\s*" + Literal),
        new(@"ProblemException\.(?:Forbidden|Conflict|Unprocessable)\(\s*[\w.""]+\s*,[^;]*?\?\s*" + Literal + @"\s*:\s*" + Literal2),
        // Validation: v.Add(field, "..."), Validation.Field(field, "..."), Field("name", "...") dictionaries, Invalid(field, "...")
        new(@"\bAdd\(\s*(?:""[^""]*""|\w+)\s*,\s*" + Literal + @"\s*\)"),
        new(@"\b(?:Field|Invalid)\(\s*(?:""[^""]*""|\w+)\s*,\s*" + Literal + @"\s*[,)]"),
        // ["field"] = ["..."] and helpers taking the message alone
        new(@"\[""\w+""\]\s*=\s*\[\s*" + Literal + @"\s*\]"),
        new(@"\b(?:Bad|ParentError)\(\s*" + Literal + @"\s*\)"),
    ];

    private static Dictionary<string, string> Resources(string path) =>
        XDocument.Load(path).Root!.Elements("data").ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")?.Value ?? "");

    private static HashSet<string> Placeholders(string text) => [.. PlaceholderPattern().Matches(text).Select(m => m.Value)];

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Enclave.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Enclave.slnx not found above the test binaries.");
    }

    [GeneratedRegex(@"ProblemException\.NotFound\(\s*(?:""([^""]*)"")?\s*\)")]
    private static partial Regex NotFoundPattern();

    [GeneratedRegex(@"\{([^{}]+)\}")]
    private static partial Regex HolePattern();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex PlaceholderPattern();
}
