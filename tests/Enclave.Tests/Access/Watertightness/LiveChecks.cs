using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Text.Json.Nodes;
using Enclave.Server.Live;
using Enclave.Server.Organizations;
using Enclave.Server.Spheres;
using Enclave.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Enclave.Tests.Access.Watertightness;

/// <summary>
/// Live events against the oracle: a sample of people (outsiders, a removed member, non-recipients,
/// recipients, members with a pending charter, forum staff, authors) hold event streams while real
/// members post publicly and privately and comment in a few spheres through the API; then each
/// viewer posts a sentinel in a sphere of their own. By the time the sentinel arrives every earlier
/// event has been dispatched, so each stream must hold exactly the events the oracle allows.
/// </summary>
public sealed class LiveChecks(EnclaveApp app, Probe probe, Oracle oracle, Random rng)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private readonly ConcurrentDictionary<Guid, Api> _clients = new();
    private WorldModel W => oracle.World;

    public static IEnumerable<string> Required() =>
    [
        "live outsider", "live removed member", "live non-recipient", "live recipient", "live charter pending", "live staff",
        "live private post", "live comment awaiting approval", "live comment on a private post", "live replay",
    ];

    public int Viewers { get; private set; }
    public int Writes { get; private set; }
    public int Events { get; private set; }

    /// <summary>One write and, for each person, whether they may receive its events (event key → who may).</summary>
    private readonly List<(string Key, Func<Guid, bool> MayReceive)> _expected = [];

    private Api As(Guid user) => _clients.GetOrAdd(user, u =>
    {
        var http = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", W.User(u).Secret);
        return new Api(http, null);
    });

    private bool Reads(Guid v, ModelSphere s) => oracle.ReadsAsMember(v, s);
    private bool Member(Guid v, ModelSphere s) => oracle.SphereRoleOf(v, s) is not null;
    private bool Pending(Guid v, ModelSphere s) => Member(v, s) && oracle.Sphere(v, s).CharterPending;

    private sealed record Plan(ModelSphere Sphere, Guid Author, List<Guid> Recipients, Guid? Commenter, Guid? RecipientCommenter);

    private List<Plan> Plans()
    {
        var candidates = new List<Plan>();
        foreach (var s in W.Spheres.OrderBy(_ => rng.Next()))
        {
            var members = W.Users.Select(u => u.Id).Where(u => Member(u, s)).ToList();
            var authors = members.Where(u => oracle.Sphere(u, s).CanPost).ToList();
            if (authors.Count == 0 || members.Count < 3) continue;
            var author = authors[rng.Next(authors.Count)];
            var others = members.Where(u => u != author).OrderBy(_ => rng.Next()).ToList();
            // A member with a pending charter among the recipients when there is one: addressed, yet not reading.
            var recipients = others.Where(u => Pending(u, s)).Take(1).Concat(others.Where(u => !Pending(u, s)).Take(rng.Next(1, 3))).Distinct().Take(Math.Max(1, others.Count - 1)).ToList();
            var commenters = others.Where(u => oracle.Sphere(u, s).CanComment).OrderBy(u => oracle.IsStaffRole(u, s) ? 1 : 0).ToList();
            var recipientCommenter = recipients.Where(u => oracle.Sphere(u, s).CanComment).Cast<Guid?>().FirstOrDefault();
            candidates.Add(new Plan(s, author, recipients, commenters.Cast<Guid?>().FirstOrDefault(), recipientCommenter));
        }
        var chosen = new List<Plan>();
        void Take(Func<Plan, bool> wanted)
        {
            if (chosen.Count < 7 && candidates.FirstOrDefault(p => wanted(p) && !chosen.Contains(p)) is { } plan) chosen.Add(plan);
        }
        Take(p => p.Sphere.Type == SphereType.Forum && p.Commenter is { } c && !oracle.IsStaffRole(c, p.Sphere) && p.RecipientCommenter is not null);
        Take(p => W.GhostRows.Any(g => g.Sphere == p.Sphere.Id));
        Take(p => p.Recipients.Any(r => Pending(r, p.Sphere)));
        Take(p => p.Sphere.Type == SphereType.Public);
        Take(p => p.Sphere.Type == SphereType.Global);
        Take(p => p.Sphere.Type == SphereType.Restricted);
        Take(p => W.Organization(p.Sphere.OrganizationId).IsPersonal);
        return chosen;
    }

    private List<Persona> ViewersFor(List<Plan> plans)
    {
        var viewers = new List<Persona>();
        void Add(string label, IEnumerable<Guid> people)
        {
            if (people.FirstOrDefault(u => viewers.All(v => v.UserId != u)) is var u && u != Guid.Empty) viewers.Add(new Persona(label, u));
        }
        var real = W.RealOrganizations.ToList();
        Add("outsider", W.Users.Select(u => u.Id).Where(u => real.All(o => W.OrganizationRoleOf(u, o.Id) is null)));
        foreach (var p in plans)
        {
            var s = p.Sphere;
            Add("removed member", W.GhostRows.Where(g => g.Sphere == s.Id).Select(g => g.User));
            Add("non-recipient", W.Users.Select(u => u.Id).Where(u => Reads(u, s) && u != p.Author && !p.Recipients.Contains(u)));
            Add("recipient", p.Recipients.Where(u => Reads(u, s)));
            Add("charter pending", W.Users.Select(u => u.Id).Where(u => Pending(u, s)));
            if (s.Type == SphereType.Forum) Add("staff", W.Users.Select(u => u.Id).Where(u => Reads(u, s) && oracle.IsStaffRole(u, s) && u != p.Author));
        }
        Add("author", plans.Select(p => p.Author));
        Add("org visitor", W.Users.Select(u => u.Id).Where(u => real.Any(o => W.OrganizationRoleOf(u, o.Id) == OrganizationRole.Visitor)));
        return viewers.Take(14).ToList();
    }

    private async Task<JsonNode?> WriteAsync(Guid actor, string path, object body)
    {
        Writes++;
        using var response = await As(actor).PostAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        if (response.IsSuccessStatusCode) return JsonNode.Parse(text);
        probe.Fail(new Persona("live writer", actor), "-", $"(POST) {path}", "2xx", $"{(int)response.StatusCode} {text[..Math.Min(300, text.Length)]}");
        return null;
    }

    private static string Key(string type, Guid? post, Guid? comment, string? kind = null) => $"{type} post={post} comment={comment}{(kind is null ? "" : $" kind={kind}")}";

    private static string Key(SseItem<string> e)
    {
        var data = JsonNode.Parse(e.Data);
        Guid? Get(string name) => data?[name] is { } node && node.GetValueKind() == System.Text.Json.JsonValueKind.String ? node.GetValue<Guid>() : null;
        return Key(e.EventType, Get("postId"), Get("commentId"), e.EventType == "notification" ? data?["kind"]?.GetValue<string>() : null);
    }

    public async Task RunAsync()
    {
        var plans = Plans();
        var viewers = ViewersFor(plans);
        Viewers = viewers.Count;
        foreach (var v in viewers) probe.Cover($"live {v.Label}");
        var own = new Dictionary<Guid, Guid>();
        foreach (var v in viewers)
            if (await WriteAsync(v.UserId!.Value, "/api/v1/spheres", new { organizationId = (Guid?)null, name = $"Live {W.User(v.UserId.Value).UserName}", type = "classic" }) is { } sphere)
                own[v.UserId.Value] = sphere["id"]!.GetValue<Guid>();

        // Live event ids increase on this node (the app runs in this process), so this one precedes every event of the writes below.
        var before = LiveEventIds.Next().ToString();
        var streams = await Task.WhenAll(viewers.Select(async v => (Viewer: v, Stream: (await EventStream.OpenAsync(As(v.UserId!.Value))).Stream)));
        try
        {
            foreach (var plan in plans) await WriteSphereAsync(plan);
            var sentinels = new Dictionary<Guid, string>();
            foreach (var v in viewers.Where(v => own.ContainsKey(v.UserId!.Value)))
                if (await WriteAsync(v.UserId!.Value, $"/api/v1/spheres/{own[v.UserId.Value]}/posts", new { body = "sentinel" }) is { } post)
                    sentinels[v.UserId.Value] = post["id"]!.GetValue<Guid>().ToString();
            await Task.WhenAll(streams.Where(s => sentinels.ContainsKey(s.Viewer.UserId!.Value)).Select(async s =>
            {
                var me = s.Viewer.UserId!.Value;
                var (match, seen) = await s.Stream.WaitForAsync("post.created", sentinels[me], Wait);
                var target = $"live stream of {W.Describe(me)}";
                if (match is null)
                {
                    probe.Fail(s.Viewer, target, "/api/v1/events", $"the sentinel post {sentinels[me]} within {Wait.TotalSeconds} s", $"{seen.Count} events, no sentinel");
                    return;
                }
                lock (_expected) Events += seen.Count;
                var got = seen.Where(e => !e.Data.Contains(sentinels[me], StringComparison.Ordinal)).Select(Key).ToList();
                var want = _expected.Where(x => x.MayReceive(me)).Select(x => x.Key).ToList();
                // Reconnecting with Last-Event-ID from before the writes replays the same events, filtered again.
                var (again, replayed) = await EventStream.OpenAsync(As(me), before);
                await again.DisposeAsync();
                probe.Cover("live replay");
                var replayedKeys = replayed.Where(e => !e.Data.Contains(sentinels[me], StringComparison.Ordinal)).Select(Key).ToList();
                if (!replayed.Any(e => e.Data.Contains(sentinels[me], StringComparison.Ordinal)) || !replayedKeys.Order(StringComparer.Ordinal).SequenceEqual(want.Order(StringComparer.Ordinal)))
                    probe.Fail(s.Viewer, target, "/api/v1/events (Last-Event-ID)", $"{want.Count} events and the sentinel",
                        $"{replayed.Count} events; missing [{string.Join("; ", want.Except(replayedKeys).Select(Readable))}]; unexpected [{string.Join("; ", replayedKeys.Except(want).Select(Readable))}]");
                foreach (var twice in got.GroupBy(k => k).Where(g => g.Count() > 1)) probe.Fail(s.Viewer, target, "/api/v1/events", "each event once", $"{twice.Key} {twice.Count()} times");
                var missing = want.Except(got).ToList();
                var extra = got.Except(want).ToList();
                if (missing.Count + extra.Count > 0)
                    probe.Fail(s.Viewer, target, "/api/v1/events", $"{want.Count} events", $"{got.Count} events; missing [{string.Join("; ", missing.Select(Readable))}]; unexpected [{string.Join("; ", extra.Select(Readable))}]");
            }));
        }
        finally
        {
            foreach (var (_, stream) in streams) await stream.DisposeAsync();
            foreach (var client in _clients.Values) client.Http.Dispose();
        }
    }

    private string Readable(string key) =>
        System.Text.RegularExpressions.Regex.Replace(key, "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", m => _names.GetValueOrDefault(m.Value, m.Value));

    private readonly Dictionary<string, string> _names = [];

    private async Task WriteSphereAsync(Plan plan)
    {
        var s = plan.Sphere;
        var a = plan.Author;
        var audience = plan.Recipients.Append(a).ToHashSet();
        var where = $"{W.Name(s.Id)}";

        if (await WriteAsync(a, $"/api/v1/spheres/{s.Id}/posts", new { body = "live public post" }) is not { } publicPost) return;
        var p1 = publicPost["id"]!.GetValue<Guid>();
        _names[p1.ToString()] = $"public post in {where}";
        _expected.Add((Key("post.created", p1, null), v => Reads(v, s)));

        Guid? p2 = null;
        if (await WriteAsync(a, $"/api/v1/spheres/{s.Id}/posts", new { body = "live private post", recipientIds = plan.Recipients }) is { } privatePost)
        {
            probe.Cover("live private post");
            p2 = privatePost["id"]!.GetValue<Guid>();
            _names[p2.Value.ToString()] = $"private post in {where} to [{string.Join(", ", plan.Recipients.Select(u => W.Describe(u)))}]";
            _expected.Add((Key("post.created", p2, null), v => Reads(v, s) && audience.Contains(v)));
            _expected.Add((Key("notification", p2, null, "privatepost"), v => Reads(v, s) && plan.Recipients.Contains(v) && v != a));
        }

        if (plan.Commenter is { } c)
            await CommentAsync(s, a, c, p1, null);
        if (p2 is { } privateId && plan.RecipientCommenter is { } r)
        {
            probe.Cover("live comment on a private post");
            await CommentAsync(s, a, r, privateId, audience);
        }
    }

    private async Task CommentAsync(ModelSphere s, Guid postAuthor, Guid commenter, Guid postId, HashSet<Guid>? audience)
    {
        if (await WriteAsync(commenter, $"/api/v1/posts/{postId}/comments", new { body = "live comment" }) is not { } comment) return;
        var id = comment["id"]!.GetValue<Guid>();
        _names[id.ToString()] = $"comment by {W.Describe(commenter)}";
        bool Addressed(Guid v) => audience is null || audience.Contains(v);
        var waiting = s.Type == SphereType.Forum && !oracle.IsStaffRole(commenter, s);
        if (waiting != (comment["status"]!.GetValue<string>() == "awaiting_approval"))
            probe.Fail(new Persona("live writer", commenter), W.Name(s.Id), $"(POST) /api/v1/posts/{postId}/comments", $"awaiting approval {waiting}", Probe.Abbreviate(comment));
        if (waiting)
        {
            probe.Cover("live comment awaiting approval");
            _expected.Add((Key("comment.awaiting_approval", postId, id), v => Reads(v, s) && Addressed(v) && (oracle.IsStaffRole(v, s) || v == commenter)));
            return;
        }
        _expected.Add((Key("comment.created", postId, id), v => Reads(v, s) && Addressed(v)));
        _expected.Add((Key("notification", postId, id, "comment"), v => v == postAuthor && v != commenter && Reads(v, s)));
    }
}
