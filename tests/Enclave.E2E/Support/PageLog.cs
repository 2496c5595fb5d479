using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Enclave.E2E.Support;

/// <summary>What went wrong on one page: console errors, uncaught exceptions, failed requests.</summary>
/// <remarks>Playwright raises its events on its own thread, hence the concurrent queues.</remarks>
public sealed partial class PageLog
{
    private readonly ConcurrentQueue<string> _consoleErrors = new();
    private readonly ConcurrentQueue<string> _failedRequests = new();

    /// <summary>Console messages of type error (including CSP violations and failed loads) and uncaught page errors.</summary>
    public IReadOnlyCollection<string> ConsoleErrors => _consoleErrors;

    /// <summary>Requests that failed at the network level or were answered with a status of 400 or more.</summary>
    public IReadOnlyCollection<string> FailedRequests => _failedRequests;

    internal static PageLog Attach(IPage page)
    {
        var log = new PageLog();
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !IsImplicitFavicon(message.Location))
                log._consoleErrors.Enqueue($"{message.Text} ({message.Location})");
        };
        page.PageError += (_, error) => log._consoleErrors.Enqueue($"uncaught: {error}");
        page.RequestFailed += (_, request) => log._failedRequests.Enqueue($"{request.Method} {request.Url}: {request.Failure}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400 && !IsImplicitFavicon(response.Url)) log._failedRequests.Enqueue($"{response.Request.Method} {response.Url}: {response.Status}");
        };
        return log;
    }

    /// <summary>
    /// Chromium asks for /favicon.ico by itself, at a moment of its choosing, when a page declares
    /// no icon: that request is the browser's, not the page's, and would make results flaky.
    /// A declared icon at another path (<c>&lt;link rel="icon"&gt;</c>) that fails is still reported.
    /// </summary>
    /// <param name="url">A URL, or a console location (<c>URL:line:column</c>).</param>
    private static bool IsImplicitFavicon(string url) =>
        Uri.TryCreate(LineAndColumn().Replace(url, ""), UriKind.Absolute, out var uri) && uri.AbsolutePath == "/favicon.ico";

    [GeneratedRegex(@":\d+:\d+$")]
    private static partial Regex LineAndColumn();
}
