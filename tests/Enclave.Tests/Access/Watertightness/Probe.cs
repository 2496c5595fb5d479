using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Enclave.Tests.Access.Watertightness;

/// <summary>Someone looking at the world: a person (by id) or an anonymous visitor, with a label saying why they were picked.</summary>
public sealed record Persona(string Label, Guid? UserId);

/// <summary>
/// Sends GET requests as a persona, walks paginated lists to the end, and records every
/// disagreement with the oracle as a message naming the seed, the viewer, the object, and the
/// expected and actual answers.
/// </summary>
public sealed class Probe(HttpClient http, WorldModel w, string engine)
{
    private int _requests;
    public int Requests => _requests;
    public ConcurrentQueue<string> Failures { get; } = new();

    /// <summary>How often each interesting situation was checked, so a degenerate world cannot pass vacuously.</summary>
    public ConcurrentDictionary<string, int> Coverage { get; } = new();

    public void Cover(string situation) => Coverage.AddOrUpdate(situation, 1, (_, n) => n + 1);

    public static string Snake(Enum value) => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    public async Task<(int Status, JsonNode? Body)> GetAsync(Persona viewer, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (viewer.UserId is { } id) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", w.User(id).Secret);
        using var response = await http.SendAsync(request);
        Interlocked.Increment(ref _requests);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? body = null;
        try
        {
            body = string.IsNullOrEmpty(text) ? null : JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            Fail(viewer, "-", path, "JSON", $"unparsable body: {text[..Math.Min(200, text.Length)]}");
        }
        return ((int)response.StatusCode, body);
    }

    /// <summary>A web page as the persona's browser gets it (the session secret as bearer: pages share the API's authentication).</summary>
    public async Task<(int Status, string Html)> GetHtmlAsync(Persona viewer, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html");
        if (viewer.UserId is { } id) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", w.User(id).Secret);
        using var response = await http.SendAsync(request);
        Interlocked.Increment(ref _requests);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public void Fail(Persona viewer, string target, string path, string expected, string actual) =>
        Failures.Enqueue($"seed={w.Seed} engine={engine} viewer=[{viewer.Label}] {w.Describe(viewer.UserId)} object={target}\n" +
                         $"    GET {path}\n    expected: {expected}\n    actual:   {actual}");

    /// <summary>Checks the status; returns the body when it is 200 and was expected to be.</summary>
    public async Task<JsonNode?> StatusAsync(Persona viewer, string target, string path, int expected)
    {
        var (status, body) = await GetAsync(viewer, path);
        if (status != expected)
        {
            Fail(viewer, target, path, $"status {expected}", $"status {status} {Abbreviate(body)}");
            return null;
        }
        return status == 200 ? body : null;
    }

    /// <summary>Checks the status and, on 200, that walking every page yields exactly the expected ids (no duplicates).</summary>
    public async Task ListAsync(Persona viewer, string target, string path, int expectedStatus, IReadOnlySet<Guid>? expected,
        Func<JsonNode, Guid> idOf, int limit, Action<JsonNode>? inspect = null)
    {
        var seen = new HashSet<Guid>();
        string? cursor = null;
        for (var page = 0; page < 500; page++)
        {
            var url = $"{path}{(path.Contains('?') ? '&' : '?')}limit={limit}{(cursor is null ? "" : $"&cursor={cursor}")}";
            var (status, body) = await GetAsync(viewer, url);
            if (status != expectedStatus)
            {
                Fail(viewer, target, url, $"status {expectedStatus}" + (page > 0 ? " on a later page" : ""), $"status {status} {Abbreviate(body)}");
                return;
            }
            if (status != 200) return;
            foreach (var item in body!["items"]!.AsArray())
            {
                var id = idOf(item!);
                if (!seen.Add(id)) Fail(viewer, target, url, "each item once", $"{w.Name(id)} repeated across pages");
                inspect?.Invoke(item!);
            }
            cursor = body["nextCursor"]?.GetValue<string>();
            if (cursor is null) break;
        }
        if (expected is not null && !seen.SetEquals(expected))
        {
            var missing = expected.Except(seen).Select(w.Name).ToList();
            var extra = seen.Except(expected).Select(w.Name).ToList();
            Fail(viewer, target, path, $"{expected.Count} items", $"{seen.Count} items; missing [{string.Join(", ", missing)}]; unexpected [{string.Join(", ", extra)}]");
        }
    }

    public static string Abbreviate(JsonNode? body)
    {
        var text = body?.ToJsonString() ?? "";
        return text.Length > 240 ? text[..240] + "..." : text;
    }
}
