using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

// Chat delivery benchmark (issue #6): N members of one global sphere hold their live event stream
// open; messages are sent one after another in the sphere's chat channel, and for each message we
// time, per connected member, from the start of the sending request to the arrival of its
// chat.message event. Loopback only; bounded in count (users ≤ 2,000, messages ≤ 500) and time (10 min).
// Usage: dotnet bench/ChatLatency/bin/Release/net10.0/ChatLatency.dll http://127.0.0.1:5099 [users=1000] [messages=50]
var baseUrl = args.Length > 0 ? args[0].TrimEnd('/') : "http://127.0.0.1:5099";
if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var baseUri) || !System.Net.IPAddress.TryParse(baseUri.Host, out var address) || !System.Net.IPAddress.IsLoopback(address))
{
    Console.Error.WriteLine("This benchmark only targets loopback addresses (127.0.0.1 or [::1]).");
    return 2;
}
var users = Math.Clamp(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1000, 2, 2000);
var messages = Math.Clamp(args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 50, 1, 500);
using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(10));
// One connection per stream: the default per-server limit would queue 1,000 open streams.
var handler = new SocketsHttpHandler { MaxConnectionsPerServer = users + 16, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };

var sent = new ConcurrentDictionary<string, long>();
var suffix = Guid.NewGuid().ToString("N")[..8];
var setup = Stopwatch.StartNew();
var owner = await SignUpAsync($"chat_owner_{suffix}");
var org = (await PostAsync(owner.Client, "/api/v1/organizations", new { name = $"Chat bench {suffix}" }))["id"]!.ToString();
var sphere = (await PostAsync(owner.Client, "/api/v1/spheres", new { organizationId = org, name = "Everyone", type = "global" }))["id"]!.ToString();
var members = new ConcurrentBag<(HttpClient Client, string Name)>();
await Parallel.ForEachAsync(Enumerable.Range(0, users - 1), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = deadline.Token }, async (i, _) =>
{
    var member = await SignUpAsync($"chat_{suffix}_{i:D4}");
    var invitation = await PostAsync(owner.Client, $"/api/v1/organizations/{org}/invitations", new { userName = member.Name });
    await PostAsync(member.Client, "/api/v1/invitations/accept", new { token = invitation["token"]!.ToString() });
    members.Add(member);
});
var listeners = members.Append(owner).ToList();
Console.WriteLine($"setup: {listeners.Count} members signed up and in the global sphere in {setup.Elapsed.TotalSeconds:F1} s");

// Every member's stream, read in the background; each chat.message arrival is stamped.
var arrivals = new ConcurrentBag<(string Id, long At)>();
var received = new ConcurrentDictionary<string, int>();
var ready = new CountdownEvent(listeners.Count);
var readers = listeners.Select(l => Task.Run(async () =>
{
    using var response = await l.Client.GetAsync("/api/v1/events", HttpCompletionOption.ResponseHeadersRead, deadline.Token);
    using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(deadline.Token));
    string? type = null;
    var data = "";
    try
    {
        while (await reader.ReadLineAsync(deadline.Token) is { } line)
        {
            if (line.StartsWith("event:", StringComparison.Ordinal)) type = line[6..].Trim();
            else if (line.StartsWith("data:", StringComparison.Ordinal)) data = line[5..].Trim();
            else if (line.Length == 0)
            {
                if (type == "ready") ready.Signal();
                else if (type == "chat.message" && JsonNode.Parse(data)?["messageId"]?.ToString() is { } id)
                {
                    // Stamped now, matched to the send's start later: an event may arrive before the send answers.
                    arrivals.Add((id, Stopwatch.GetTimestamp()));
                    received.AddOrUpdate(id, 1, (_, n) => n + 1);
                }
                type = null;
            }
        }
    }
    catch (OperationCanceledException) { }
})).ToList();
if (!ready.Wait(TimeSpan.FromMinutes(2), deadline.Token)) throw new InvalidOperationException("Not every stream became ready.");

var total = Stopwatch.StartNew();
var lost = 0;
for (var i = 0; i < messages && !deadline.IsCancellationRequested; i++)
{
    var sender = listeners[i % listeners.Count];
    var start = Stopwatch.GetTimestamp();
    var message = await PostAsync(sender.Client, $"/api/v1/spheres/{sphere}/chat/messages", new { body = $"Message {i}" }, start);
    var id = message["id"]!.ToString();
    // Every member (the sender too: the channel goes to the whole sphere) should get it; wait at most 10 s.
    var wait = Stopwatch.StartNew();
    while (received.GetValueOrDefault(id) < listeners.Count && wait.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(5, deadline.Token);
    lost += listeners.Count - received.GetValueOrDefault(id);
}
total.Stop();
await deadline.CancelAsync();
var sorted = arrivals.Where(a => sent.ContainsKey(a.Id)).Select(a => Stopwatch.GetElapsedTime(sent[a.Id], a.At).TotalMilliseconds).Order().ToList();
double P(double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
Console.WriteLine($"users={listeners.Count} messages={messages} deliveries={sorted.Count} missing={lost} elapsed={total.Elapsed.TotalSeconds:F1}s " +
                  $"publish-to-delivery ms: p50={P(0.50):F1} p95={P(0.95):F1} p99={P(0.99):F1} max={sorted[^1]:F1}");
return 0;

async Task<(HttpClient Client, string Name)> SignUpAsync(string name)
{
    var client = new HttpClient(handler, disposeHandler: false) { BaseAddress = new Uri(baseUrl), Timeout = Timeout.InfiniteTimeSpan };
    var session = await PostAsync(client, "/api/v1/auth/signup", new
    {
        userName = name, firstName = "Bench", lastName = "User", email = $"{name}@example.org",
        password = "benchmark passphrase 2026", mode = "token",
    });
    // Each person their own client: the bearer header is per client (the handler's connections are shared).
    client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", session["token"]!.ToString());
    return (client, name);
}

async Task<JsonNode> PostAsync(HttpClient client, string path, object body, long? stamp = null)
{
    using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
    using var response = await client.SendAsync(request, deadline.Token);
    var text = await response.Content.ReadAsStringAsync(deadline.Token);
    if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{(int)response.StatusCode} {path}: {text}");
    var node = JsonNode.Parse(text)!;
    // The id is known only once the send answers, but the clock started before it was sent.
    if (stamp is { } s && node["id"]?.ToString() is { } id) sent[id] = s;
    return node;
}
