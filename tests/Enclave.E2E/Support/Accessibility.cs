using System.Text.Json;
using Microsoft.Playwright;

namespace Enclave.E2E.Support;

/// <summary>
/// Runs axe-core (installed from npm for the tests only, by <c>./test.sh</c>; never served to users)
/// in the page and fails on serious or critical violations of WCAG 2 A/AA rules. The script is
/// evaluated through the DevTools protocol, so the page's Content-Security-Policy stays as strict
/// as in production.
/// </summary>
public static class Accessibility
{
    private static readonly Lazy<string> Axe = new(() =>
    {
        var path = Path.Combine(RepositoryRoot.Path, "tests", "Enclave.E2E", "node_modules", "axe-core", "axe.min.js");
        if (!File.Exists(path)) throw new InvalidOperationException($"axe-core is missing ({path}): run ./test.sh, or npm ci in tests/Enclave.E2E.");
        return File.ReadAllText(path);
    });

    public static async Task AssertAccessibleAsync(IPage page)
    {
        await page.EvaluateAsync(Axe.Value);
        var json = await page.EvaluateAsync<string>(@"async () => {
            const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
            return JSON.stringify(result.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map(n => n.target.join(' ')) })));
        }");
        using var violations = JsonDocument.Parse(json);
        var lines = violations.RootElement.EnumerateArray()
            .Select(v => $"{v.GetProperty("impact").GetString()} {v.GetProperty("id").GetString()}: {v.GetProperty("help").GetString()} at {string.Join(", ", v.GetProperty("targets").EnumerateArray().Select(t => t.GetString()))}")
            .ToList();
        Assert.True(lines.Count == 0, $"accessibility violations on {page.Url}:\n{string.Join('\n', lines)}");
    }
}
