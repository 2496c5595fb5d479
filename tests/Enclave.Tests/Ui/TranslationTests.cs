using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Enclave.Tests.Ui;

/// <summary>
/// Every string a page shows through <c>T["..."]</c> has its French translation in the resources
/// of the localizer the page uses, with the same placeholders. Keys are the English text, so a
/// missing entry would silently show English to French readers: this test is what prevents it.
/// </summary>
public sealed partial class TranslationTests
{
    private static readonly string Source = Path.Combine(RepositoryRoot(), "src", "Enclave.Server");

    [Fact]
    public void Every_page_string_has_a_french_translation()
    {
        var missing = new List<string>();
        var keysByFolder = UsedKeys();
        Assert.NotEmpty(keysByFolder);
        foreach (var (folder, keys) in keysByFolder)
        {
            var french = Resources(Path.Combine(folder, "Text.fr.resx"));
            foreach (var key in keys)
            {
                if (!french.TryGetValue(key, out var value) || string.IsNullOrWhiteSpace(value))
                    missing.Add($"{Path.GetRelativePath(Source, folder)}: \"{key}\"");
                else if (!Placeholders(key).SetEquals(Placeholders(value)))
                    missing.Add($"{Path.GetRelativePath(Source, folder)}: \"{key}\" has other placeholders in French: \"{value}\"");
            }
        }
        Assert.True(missing.Count == 0, "Missing French (run scripts/i18n-missing.py):\n" + string.Join("\n", missing));
    }

    [Fact]
    public void The_scan_finds_the_strings_of_a_known_page()
    {
        var keys = UsedKeys();
        var accounts = keys[Path.Combine(Source, "Accounts", "Pages")];
        Assert.Contains("Sign in", accounts);
        Assert.Contains("You are signed in as {0}.", accounts);
        Assert.Contains("Post deleted.", keys[Path.Combine(Source, "Ui")]);
    }

    private static Dictionary<string, HashSet<string>> UsedKeys()
    {
        var used = new Dictionary<string, HashSet<string>>();
        void Add(string folder, string key) => (used.TryGetValue(folder, out var set) ? set : used[folder] = []).Add(Regex.Unescape(key));
        foreach (var file in Directory.EnumerateFiles(Source, "*.razor", SearchOption.AllDirectories))
        {
            if (LocalizerFolder(file) is not { } folder) continue;
            foreach (Match m in KeyPattern().Matches(File.ReadAllText(file))) Add(folder, m.Groups[1].Value);
        }
        // One-shot messages handed to the layout after a redirect are keys of Ui/Text.
        foreach (var file in Directory.EnumerateFiles(Source, "*.cs", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            foreach (Match m in FlashPattern().Matches(text)) Add(Path.Combine(Source, "Ui"), m.Groups[1].Value);
            foreach (Match m in FlashVariablePattern().Matches(text)) Add(Path.Combine(Source, "Ui"), m.Groups[1].Value);
        }
        return used;
    }

    /// <summary>The folder of the <c>Text</c> marker that the file's <c>T</c> localizer names (in the file or an _Imports.razor above it).</summary>
    private static string? LocalizerFolder(string file)
    {
        var match = LocalizerPattern().Match(File.ReadAllText(file));
        for (var dir = Path.GetDirectoryName(file); !match.Success && dir is not null && dir.StartsWith(Source, StringComparison.Ordinal); dir = Path.GetDirectoryName(dir))
        {
            var imports = Path.Combine(dir, "_Imports.razor");
            if (File.Exists(imports)) match = LocalizerPattern().Match(File.ReadAllText(imports));
        }
        if (!match.Success) return null;
        var type = match.Groups[1].Value;
        if (type == "Text") return Path.Combine(Source, "Ui");
        var parts = type.Split('.');
        Assert.True(parts.Length > 3 && parts[0] == "Enclave" && parts[1] == "Server" && parts[^1] == "Text", $"{file}: unexpected localizer {type}");
        return Path.Combine([Source, .. parts[2..^1]]);
    }

    private static Dictionary<string, string> Resources(string path) =>
        File.Exists(path)
            ? XDocument.Load(path).Root!.Elements("data").ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")?.Value ?? "")
            : [];

    private static HashSet<string> Placeholders(string text) => [.. PlaceholderPattern().Matches(text).Select(m => m.Value)];

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Enclave.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Enclave.slnx not found above the test binaries.");
    }

    [GeneratedRegex(@"\bT\[""((?:[^""\\]|\\.)*)""")]
    private static partial Regex KeyPattern();

    [GeneratedRegex(@"IStringLocalizer<([\w.]+)>\s+T\b")]
    private static partial Regex LocalizerPattern();

    [GeneratedRegex(@"(?:UiActions\.Back\(http,[^,;]+|SetFlash\(http)\s*,\s*""([^""]+)""\)")]
    private static partial Regex FlashPattern();

    [GeneratedRegex(@"flash = [^;]*?""([^""]+)""")]
    private static partial Regex FlashVariablePattern();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex PlaceholderPattern();
}
