using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

// Live-event latency benchmark: how long from "a member starts publishing" to "another member's
// open event stream receives post.created". Loopback only; bounded in count and time.
// Usage: dotnet run --project bench/LiveLatency -c Release -- http://127.0.0.1:5099 [posts=200]
var baseUrl = args.Length > 0 ? args[0].TrimEnd('/') : "http://127.0.0.1:5099";
if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var baseUri) || !System.Net.IPAddress.TryParse(baseUri.Host, out var address) || !System.Net.IPAddress.IsLoopback(address))
{
    Console.Error.WriteLine("This benchmark only targets loopback addresses (127.0.0.1 or [::1]).");
    return 2;
}
var posts = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200;
posts = Math.Clamp(posts, 1, 5000);
using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(5));

var suffix = Guid.NewGuid().ToString("N")[..8];
var alice = await SignUpAsync($"bench_a_{suffix}");
var bob = await SignUpAsync($"bench_b_{suffix}");
var org = (await PostAsync(alice.Client, "/api/v1/organizations", new { name = $"Bench {suffix}" }))["id"]!.ToString();
var sphere = (await PostAsync(alice.Client, "/api/v1/spheres", new { organizationId = org, name = "Latency" }))["id"]!.ToString();
foreach (var target in new[] { $"/api/v1/organizations/{org}", $"/api/v1/spheres/{sphere}" })
{
    var invitation = await PostAsync(alice.Client, $"{target}/invitations", new { userName = bob.Name });
    await PostAsync(bob.Client, "/api/v1/invitations/accept", new { token = invitation["token"]!.ToString() });
}

using var stream = await bob.Client.GetAsync("/api/v1/events", HttpCompletionOption.ResponseHeadersRead, deadline.Token);
using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync(deadline.Token));
await ReadEventAsync("ready");

var latencies = new List<double>(posts);
var total = Stopwatch.StartNew();
for (var i = 0; i < posts && !deadline.IsCancellationRequested; i++)
{
    var clock = Stopwatch.StartNew();
    var id = (await PostAsync(alice.Client, $"/api/v1/spheres/{sphere}/posts", new { body = $"Post {i}" }))["id"]!.ToString();
    while (!(await ReadEventAsync("post.created")).Contains(id, StringComparison.Ordinal)) { }
    latencies.Add(clock.Elapsed.TotalMilliseconds);
}
total.Stop();
latencies.Sort();
double P(double q) => latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(q * latencies.Count) - 1)];
Console.WriteLine($"posts={latencies.Count} elapsed={total.Elapsed.TotalSeconds:F1}s publish-to-delivery ms: p50={P(0.50):F1} p95={P(0.95):F1} p99={P(0.99):F1} max={latencies[^1]:F1}");
return 0;

async Task<string> ReadEventAsync(string type)
{
    string? eventType = null;
    var data = "";
    while (await reader.ReadLineAsync(deadline.Token) is { } line)
    {
        if (line.StartsWith("event:", StringComparison.Ordinal)) eventType = line[6..].Trim();
        else if (line.StartsWith("data:", StringComparison.Ordinal)) data = line[5..].Trim();
        else if (line.Length == 0)
        {
            if (eventType == type) return data;
            eventType = null;
        }
    }
    throw new InvalidOperationException("The event stream ended.");
}

async Task<(HttpClient Client, string Name)> SignUpAsync(string name)
{
    var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
    var session = await PostAsync(client, "/api/v1/auth/signup", new
    {
        userName = name, firstName = "Bench", lastName = "User", email = $"{name}@example.org",
        password = "benchmark passphrase 2026", mode = "token",
    });
    client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", session["token"]!.ToString());
    return (client, name);
}

async Task<JsonNode> PostAsync(HttpClient client, string path, object body)
{
    using var response = await client.PostAsJsonAsync(path, body, deadline.Token);
    var text = await response.Content.ReadAsStringAsync(deadline.Token);
    if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{(int)response.StatusCode} {path}: {text}");
    return JsonNode.Parse(text)!;
}
