using Microsoft.Playwright;

namespace Enclave.E2E.Support;

/// <summary>
/// One headless Chromium for the whole collection (Debian's /usr/bin/chromium: Playwright's own
/// browser download is never used). Each test opens its own isolated <see cref="BrowserSession"/>.
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    /// <summary>Overrides the Chromium executable (for machines without /usr/bin/chromium).</summary>
    public const string ExecutableVariable = "ENCLAVE_E2E_CHROMIUM";

    private static readonly string[] Arguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
        // Containers often give /dev/shm 64 MB, which crashes renderers of long pages.
        "--disable-dev-shm-usage",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Full-page screenshots land here: artifacts/screenshots/ at the repository root (git-ignored).</summary>
    public static string ScreenshotFolder => Path.Combine(RepositoryRoot.Path, "artifacts", "screenshots");

    public async Task InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable(ExecutableVariable) is { Length: > 0 } path ? path : "/usr/bin/chromium";
        if (!File.Exists(executable))
            throw new InvalidOperationException($"No Chromium at {executable}: run ./test.sh (it installs Debian's chromium) or `apt-get install -y chromium`, or set {ExecutableVariable}.");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = Arguments,
        });
    }

    /// <summary>A fresh context (own cookies and storage) whose relative URLs resolve against the server.</summary>
    public async Task<BrowserSession> NewSessionAsync(EnclaveServer server, string locale = "en-US", Screen screen = Screen.Desktop)
    {
        var options = new BrowserNewContextOptions { BaseURL = server.BaseUrl, Locale = locale };
        ScreenOptions.Apply(screen, options);
        var context = await (_browser ?? throw new InvalidOperationException("Chromium is not started.")).NewContextAsync(options);
        return new BrowserSession(context, server);
    }

    /// <summary>Saves a full-page PNG as artifacts/screenshots/<paramref name="name"/>.png and returns its path.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        var safe = string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-'));
        var path = Path.Combine(ScreenshotFolder, safe + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
