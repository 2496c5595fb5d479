using System.Text.Json.Nodes;
using Enclave.Tests.Support;

namespace Enclave.Tests.Search;

internal static class SearchSupport
{
    /// <summary>Runs a search (query string after <c>?q=</c> already URL-encoded by the caller when needed).</summary>
    public static Task<JsonNode> SearchAsync(this Api api, string q, string extra = "") =>
        api.GetOkAsync($"/api/v1/search?q={Uri.EscapeDataString(q)}{extra}");

    public static List<JsonNode> Items(this JsonNode page) => page["items"]!.AsArray().Select(i => i!).ToList();

    public static List<Guid> Ids(this JsonNode page) => page.Items().Select(i => i["id"]!.GetValue<Guid>()).ToList();

    public static int Total(this JsonNode page) => page["total"]!.GetValue<int>();

    /// <summary>A word no other test writes, so totals are exact in the shared database.</summary>
    public static string Word(string stem = "zk") => stem + Guid.NewGuid().ToString("N")[..10].Replace('0', 'q').Replace('1', 'w')
        .Replace('2', 'e').Replace('3', 'r').Replace('4', 't').Replace('5', 'y').Replace('6', 'u').Replace('7', 'i').Replace('8', 'o').Replace('9', 'p');

    public static async Task<Guid> PublishAsync(this Api author, Guid sphere, string body, object? extra = null)
    {
        var payload = new JsonObject { ["body"] = body };
        if (extra is not null)
            foreach (var (k, v) in System.Text.Json.JsonSerializer.SerializeToNode(extra, Api.Json)!.AsObject()) payload[k] = v?.DeepClone();
        return (await author.PostOkAsync($"/api/v1/spheres/{sphere}/posts", payload))["id"]!.GetValue<Guid>();
    }

    /// <summary>Every page of a search, following the cursors (at most 20 pages): the first page and the ids of all.</summary>
    public static async Task<(JsonNode First, List<Guid> Ids)> AllPagesAsync(this Api api, string q, string extra)
    {
        var first = await api.SearchAsync(q, extra);
        var ids = new List<Guid>();
        var page = first;
        for (var pages = 0; pages < 20; pages++)
        {
            ids.AddRange(page.Ids());
            if (page["nextCursor"]?.GetValue<string>() is not { } cursor) break;
            page = await api.SearchAsync(q, $"{extra}&cursor={cursor}");
        }
        return (first, ids);
    }

    /// <summary>As <see cref="Posts.PostEndpointsTests.SphereWithTwoMembersAsync"/>, with a second sphere that bob is in too.</summary>
    public static async Task<(Api Alice, Api Bob, Guid Org, Guid Sphere, Guid Other)> TwoSpheresWithTwoMembersAsync(EnclaveApp app)
    {
        var (alice, bob, _, org, sphere) = await Posts.PostEndpointsTests.SphereWithTwoMembersAsync(app);
        var other = await alice.CreateSphereAsync(org);
        await alice.InviteAndAcceptAsync($"/api/v1/spheres/{other}", bob);
        return (alice, bob, org, sphere, other);
    }
}
