using System.Net;
using System.Text.RegularExpressions;
using Enclave.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;

namespace Enclave.Tests.Web;

/// <summary>
/// The readable API reference is served by Enclave itself, and no asset Enclave serves points a
/// browser at another host: a sovereign platform does not leak its users' browsing to third parties.
/// </summary>
public sealed partial class ApiReferenceTests
{
    /// <summary>The one outside link allowed: the problem-details RFC, as a plain hyperlink.</summary>
    private const string RfcLink = "https://www.rfc-editor.org/rfc/rfc9457";

    [Fact]
    public async Task The_reference_is_served_with_its_script_and_stylesheet()
    {
        var http = EnclaveApp.Shared(Engine.Sqlite).Anonymous().Http;

        using (var redirect = await http.GetAsync("/api/reference"))
        {
            Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
            Assert.Equal("/api-reference.html", redirect.Headers.Location?.OriginalString);
        }

        using var page = await http.GetAsync("/api-reference.html");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("/openapi/v1.json", html, StringComparison.Ordinal);

        var assets = LocalReferences().Matches(html).Select(m => m.Groups["url"].Value).Distinct().ToList();
        Assert.Contains("/js/api-reference.js", assets);
        Assert.Contains("/css/site.css", assets);
        foreach (var asset in assets)
        {
            using var response = await http.GetAsync(asset);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{asset} answered {(int)response.StatusCode}");
            var expected = asset.EndsWith(".js", StringComparison.Ordinal) ? "text/javascript"
                : asset.EndsWith(".css", StringComparison.Ordinal) ? "text/css" : null;
            if (expected is not null) Assert.Equal(expected, response.Content.Headers.ContentType?.MediaType);
        }

        var script = await http.GetStringAsync("/js/api-reference.js");
        Assert.Contains("/openapi/v1.json", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_served_asset_refers_to_another_host()
    {
        var app = EnclaveApp.Shared(Engine.Sqlite);
        var http = app.Anonymous().Http;
        var files = new List<string>();
        Collect(app.Services.GetRequiredService<IWebHostEnvironment>().WebRootFileProvider, "", files);
        Assert.Contains("/api-reference.html", files);
        Assert.Contains("/js/api-reference.js", files);
        Assert.Contains("/css/site.css", files);

        var leaks = new List<string>();
        foreach (var file in files.Where(f => TextAsset().IsMatch(f)))
        {
            using var response = await http.GetAsync(file);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{file} is in wwwroot but answered {(int)response.StatusCode}");
            // XML namespace names (xmlns="http://www.w3.org/...") identify, they are never fetched.
            var text = XmlNamespace().Replace(await response.Content.ReadAsStringAsync(), "");
            leaks.AddRange(AbsoluteUrl().Matches(text).Select(m => m.Value).Where(url => url != RfcLink).Select(url => $"{file}: {url}"));
            leaks.AddRange(ProtocolRelative().Matches(text).Select(m => $"{file}: {m.Value}"));
        }
        Assert.True(leaks.Count == 0, "external references in served assets:\n" + string.Join("\n", leaks));
    }

    private static void Collect(IFileProvider provider, string folder, List<string> files)
    {
        foreach (var entry in provider.GetDirectoryContents(folder))
        {
            var path = $"{folder}/{entry.Name}";
            if (entry.IsDirectory) Collect(provider, path, files);
            else files.Add(path);
        }
    }

    [GeneratedRegex("(?:src|href)=\"(?<url>/[^\"/][^\"]*)\"")]
    private static partial Regex LocalReferences();

    [GeneratedRegex(@"\.(html?|js|mjs|css|svg|json|txt|xml|webmanifest|map)$", RegexOptions.IgnoreCase)]
    private static partial Regex TextAsset();

    [GeneratedRegex("""https?://[^\s"'<>()]+""", RegexOptions.IgnoreCase)]
    private static partial Regex AbsoluteUrl();

    [GeneratedRegex("""(?:src|href|action)\s*=\s*["']//|url\(\s*["']?//|import\s+["']//""", RegexOptions.IgnoreCase)]
    private static partial Regex ProtocolRelative();

    [GeneratedRegex("""xmlns(?::\w+)?\s*=\s*["'][^"']*["']""")]
    private static partial Regex XmlNamespace();
}
