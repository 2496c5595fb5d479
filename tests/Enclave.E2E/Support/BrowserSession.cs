using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Playwright;

namespace Enclave.E2E.Support;

/// <summary>
/// One isolated browser context (own cookies, storage, locale and screen) that records every
/// request it makes and, per page, what went wrong. Open pages with <see cref="NewPageAsync"/>.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private static readonly HashSet<string> LocalSchemes = ["data", "blob", "about"];
    private readonly ConcurrentQueue<string> _requestedUrls = new();
    private readonly ConditionalWeakTable<IPage, PageLog> _logs = [];
    private readonly string _serverAuthority;

    internal BrowserSession(IBrowserContext context, EnclaveServer server)
    {
        Context = context;
        Server = server;
        _serverAuthority = new Uri(server.BaseUrl).Authority;
        context.SetDefaultTimeout(20_000);
        context.Request += (_, request) => _requestedUrls.Enqueue(request.Url);
        // Also pages the app opens itself (target=_blank, window.open).
        context.Page += (_, page) => _logs.GetValue(page, PageLog.Attach);
    }

    public IBrowserContext Context { get; }

    public EnclaveServer Server { get; }

    /// <summary>Every URL any page of this context requested, in order.</summary>
    public IReadOnlyCollection<string> RequestedUrls => _requestedUrls;

    public async Task<IPage> NewPageAsync()
    {
        var page = await Context.NewPageAsync();
        _logs.GetValue(page, PageLog.Attach);
        return page;
    }

    public PageLog LogOf(IPage page) => _logs.GetValue(page, PageLog.Attach);

    /// <summary>Fails when the page logged a console error or an uncaught exception.</summary>
    public void AssertNoConsoleErrors(IPage page)
    {
        var errors = LogOf(page).ConsoleErrors;
        Assert.True(errors.Count == 0, $"console errors on {page.Url}:\n{string.Join('\n', errors)}");
    }

    /// <summary>Fails when a request of the page failed or was answered with 4xx/5xx.</summary>
    public void AssertNoFailedRequests(IPage page)
    {
        var failed = LogOf(page).FailedRequests;
        Assert.True(failed.Count == 0, $"failed requests on {page.Url}:\n{string.Join('\n', failed)}");
    }

    /// <summary>Fails when any page of this context requested anything from another host than the server (a CDN, fonts, analytics).</summary>
    public void AssertOnlyServerRequested()
    {
        var foreign = _requestedUrls.Where(url => !IsServer(url)).Distinct().ToList();
        Assert.True(foreign.Count == 0, $"requests to other hosts than {_serverAuthority}:\n{string.Join('\n', foreign)}");
    }

    /// <summary>
    /// Waits until the page has loaded and had a moment to run its scripts, then asserts all of the
    /// above. Not NetworkIdle: signed-in pages keep the live event stream (/api/v1/events) open, so
    /// the network never goes idle on them.
    /// </summary>
    public async Task AssertCleanAsync(IPage page)
    {
        await page.WaitForLoadStateAsync(LoadState.Load);
        await page.WaitForTimeoutAsync(250);
        AssertNoConsoleErrors(page);
        AssertNoFailedRequests(page);
        AssertOnlyServerRequested();
    }

    private bool IsServer(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) &&
        (LocalSchemes.Contains(uri.Scheme) || string.Equals(uri.Authority, _serverAuthority, StringComparison.OrdinalIgnoreCase));

    public ValueTask DisposeAsync() => new(Context.CloseAsync());
}
