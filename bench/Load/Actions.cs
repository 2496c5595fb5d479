using System.Globalization;
using System.Net;

namespace Enclave.Bench.Load;

/// <summary>
/// What a virtual user does on one arrival. The mix is a plausible working day: reading dominates
/// (home feed, sphere feeds scrolled two pages further, a post with its comments, notifications),
/// writing is a sixth (posts, comments, reactions), search a twentieth.
/// </summary>
public sealed class Actions(Api api, IReadOnlyList<Uri> urls, World world)
{
    private static readonly (string Name, int Weight)[] MixWeights =
    [
        ("home", 25), ("sphere", 25), ("post", 15), ("notifications", 10), ("search", 5), ("create", 5), ("comment", 5), ("react", 10),
    ];
    private static readonly string[] Reactions = ["like", "love", "laugh", "wow", "sad", "thanks"];
    private static readonly string[] Words =
    [
        "budget", "project", "meeting", "delivery", "roadmap", "invoice", "security", "customer", "release", "planning",
        "réunion", "projet", "livraison", "rapport", "sécurité", "formation", "équipe", "calendrier", "décision", "contrat",
    ];

    public Task RunAsync(Scenario scenario, VirtualUser user, Random random, long scheduled, Recorder recorder, CancellationToken ct) => scenario switch
    {
        Scenario.Home => HomeAsync(user, scheduled, recorder, ct),
        Scenario.Sphere => SphereAsync(user, random, scheduled, recorder, ct),
        Scenario.Post => CreateAsync(user, world.BigGlobal, random, scheduled, recorder, "create.global", ct),
        Scenario.Search => SearchAsync(user, random, scheduled, recorder, ct),
        _ => MixAsync(user, random, scheduled, recorder, ct),
    };

    /// <summary>Which user acts: any for most scenarios; for posting into the big global sphere, one of its members.</summary>
    public VirtualUser Pick(Scenario scenario, IReadOnlyList<VirtualUser> users, int activeCount, Random random) => scenario switch
    {
        Scenario.Post => world.BigGlobalPosters[random.Next(world.BigGlobalPosters.Count)],
        Scenario.Active => users[random.Next(activeCount)],
        _ => users[random.Next(users.Count)],
    };

    private Task MixAsync(VirtualUser user, Random random, long scheduled, Recorder recorder, CancellationToken ct)
    {
        var roll = random.Next(MixWeights.Sum(w => w.Weight));
        var name = MixWeights.First(w => (roll -= w.Weight) < 0).Name;
        return name switch
        {
            "home" => HomeAsync(user, scheduled, recorder, ct),
            "sphere" => SphereAsync(user, random, scheduled, recorder, ct),
            "post" => ReadPostAsync(user, random, scheduled, recorder, ct),
            "notifications" => NotificationsAsync(user, random, scheduled, recorder, ct),
            "search" => SearchAsync(user, random, scheduled, recorder, ct),
            "create" => user.Postable.Count == 0 ? HomeAsync(user, scheduled, recorder, ct)
                : CreateAsync(user, user.Postable[random.Next(user.Postable.Count)].Id, random, scheduled, recorder, "create", ct),
            "comment" => CommentAsync(user, random, scheduled, recorder, ct),
            _ => ReactAsync(user, random, scheduled, recorder, ct),
        };
    }

    private Uri Url(VirtualUser user, string path) => new(urls[user.Instance], path);

    private async Task HomeAsync(VirtualUser user, long scheduled, Recorder recorder, CancellationToken ct)
    {
        var reply = await api.RecordAsync(recorder, "home", scheduled, HttpMethod.Get, Url(user, "api/v1/feed?limit=20"), user.Token, null, ct);
        if (reply is null) return;
        using var json = reply.Json();
        user.Saw(json, scrolling: null);
    }

    private async Task SphereAsync(VirtualUser user, Random random, long scheduled, Recorder recorder, CancellationToken ct)
    {
        if (user.NextSpherePage(random) is not { } page) { await HomeAsync(user, scheduled, recorder, ct); return; }
        var path = $"api/v1/spheres/{page.Sphere}/posts?limit=20" + (page.Cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(page.Cursor));
        var reply = await api.RecordAsync(recorder, page.Cursor is null ? "sphere" : "sphere.next", scheduled, HttpMethod.Get, Url(user, path), user.Token, null, ct);
        if (reply is null) return;
        using var json = reply.Json();
        user.Saw(json, scrolling: page.Sphere);
    }

    /// <summary>Reading a post with its comments: two requests, the second measured from its own start.</summary>
    private async Task ReadPostAsync(VirtualUser user, Random random, long scheduled, Recorder recorder, CancellationToken ct)
    {
        if (user.SeenPost(random) is not { } post) { await HomeAsync(user, scheduled, recorder, ct); return; }
        if (await api.RecordAsync(recorder, "post", scheduled, HttpMethod.Get, Url(user, $"api/v1/posts/{post}"), user.Token, null, ct) is null) return;
        await api.RecordAsync(recorder, "comments", System.Diagnostics.Stopwatch.GetTimestamp(), HttpMethod.Get, Url(user, $"api/v1/posts/{post}/comments?limit=50"), user.Token, null, ct);
    }

    private async Task NotificationsAsync(VirtualUser user, Random random, long scheduled, Recorder recorder, CancellationToken ct)
    {
        // The top bar polls the count; opening the list is rarer.
        if (random.Next(10) < 7)
            await api.RecordAsync(recorder, "notifications.count", scheduled, HttpMethod.Get, Url(user, "api/v1/notifications/unread-count"), user.Token, null, ct);
        else
            await api.RecordAsync(recorder, "notifications", scheduled, HttpMethod.Get, Url(user, "api/v1/notifications?limit=20"), user.Token, null, ct);
    }

    private async Task SearchAsync(VirtualUser user, Random random, long scheduled, Recorder recorder, CancellationToken ct)
    {
        var q = Words[random.Next(Words.Length)] + (random.Next(3) == 0 ? " " + Words[random.Next(Words.Length)] : "");
        await api.RecordAsync(recorder, "search", scheduled, HttpMethod.Get, Url(user, "api/v1/search?limit=20&q=" + Uri.EscapeDataString(q)), user.Token, null, ct);
    }

    private async Task CreateAsync(VirtualUser user, Guid sphere, Random random, long scheduled, Recorder recorder, string action, CancellationToken ct)
    {
        var mention = random.Next(8) == 0 ? $" cc @user{(1 + random.Next(world.Users)).ToString("D6", CultureInfo.InvariantCulture)}" : "";
        var tag = random.Next(3) == 0 ? " #" + Words[random.Next(10)] : "";
        var body = $"Load test note {random.Next():x8}: the **{Words[random.Next(Words.Length)]}** is ready for review.{tag}{mention}";
        await api.RecordAsync(recorder, action, scheduled, HttpMethod.Post, Url(user, $"api/v1/spheres/{sphere}/posts"), user.Token, new { body }, ct);
    }

    private async Task CommentAsync(VirtualUser user, Random random, long scheduled, Recorder recorder, CancellationToken ct)
    {
        if (user.SeenPost(random) is not { } post) { await HomeAsync(user, scheduled, recorder, ct); return; }
        await api.RecordAsync(recorder, "comment", scheduled, HttpMethod.Post, Url(user, $"api/v1/posts/{post}/comments"), user.Token,
            new { body = $"Agreed, see the {Words[random.Next(Words.Length)]} ({random.Next():x6})." }, ct);
    }

    private async Task ReactAsync(VirtualUser user, Random random, long scheduled, Recorder recorder, CancellationToken ct)
    {
        if (user.SeenPost(random) is not { } post) { await HomeAsync(user, scheduled, recorder, ct); return; }
        // 409 already_reacted is the right answer when the seeded world already holds this reaction.
        await api.RecordAsync(recorder, "react", scheduled, HttpMethod.Post, Url(user, $"api/v1/posts/{post}/reactions/{Reactions[random.Next(Reactions.Length)]}"),
            user.Token, null, ct, HttpStatusCode.Conflict);
    }
}
