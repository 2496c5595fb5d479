using System.Text.Json.Nodes;
using Enclave.Server.Posts;
using Enclave.Server.Spheres;

namespace Enclave.Tests.Access.Watertightness;

/// <summary>Every read path of conversations, as one viewer, against the oracle: posts, history, comments, feeds, tags, unread counts, notifications, the approval queue.</summary>
public sealed class PostChecks(Probe probe, Oracle oracle)
{
    private WorldModel W => oracle.World;
    private ConversationModel C => oracle.World.Conversations;

    private static Guid Id(JsonNode item) => item["id"]!.GetValue<Guid>();

    /// <summary>Situations every run must have checked at least once.</summary>
    public static IEnumerable<string> Required()
    {
        foreach (var kind in new[] { "public", "private author", "private recipient", "private other", "scheduled author", "scheduled other" })
            yield return $"post {kind} {(kind is "private other" or "scheduled other" ? 404 : 200)}";
        yield return "post public 404";
        yield return "post in a public sphere without a role 200";
        yield return "post of a recipient who lost access 404";
        yield return "post history 200";
        yield return "comment awaiting approval shown to its author";
        yield return "comment awaiting approval shown to staff";
        yield return "comment awaiting approval hidden";
        foreach (var status in new[] { 200, 404 }) yield return $"sphere feed {status}";
        yield return "sphere feed with pinned posts";
        yield return "sphere feed hiding a scheduled post from its author";
        yield return "sphere tags 200";
        yield return "sphere feed by tag 200";
        yield return "home feed of one organization";
        foreach (var status in new[] { 200, 404 }) yield return $"notification level {status}";
        yield return "home feed";
        yield return "home feed leaving out a public sphere without a role";
        yield return "unread counts";
        yield return "notification shown";
        yield return "notification hidden after losing access";
        yield return "notification without a sphere";
        foreach (var status in new[] { 200, 403, 404 }) yield return $"approval queue {status}";
    }

    /// <summary>Posts worth opening as this viewer: their own (scheduled ones too), private ones they receive or do not, posts of the sampled spheres, and a few at random.</summary>
    public List<ModelPost> PostsFor(Persona viewer, IEnumerable<ModelSphere> spheres, Random rng)
    {
        var v = viewer.UserId;
        IEnumerable<ModelPost> Pick(IEnumerable<ModelPost> posts, int n) => posts.OrderBy(_ => rng.Next()).Take(n);
        var sphereIds = spheres.Select(s => s.Id).ToHashSet();
        return Pick(C.Posts.Where(p => p.AuthorId == v), 3)
            .Concat(Pick(C.Posts.Where(p => v is { } u && p.Recipients.Contains(u)), 3))
            .Concat(Pick(C.Comments.Where(c => c.AuthorId == v && c.Status == CommentStatus.AwaitingApproval).Select(c => C.Post(c.PostId)), 2))
            .Concat(Pick(C.Posts.Where(p => p.IsPrivate && p.AuthorId != v && !p.Recipients.Contains(v ?? Guid.Empty) && W.SphereRowOf(v, p.SphereId) is not null), 2))
            .Concat(Pick(C.Posts.Where(p => sphereIds.Contains(p.SphereId)), 7))
            .Concat(Pick(C.Posts, 3))
            .DistinctBy(p => p.Id).ToList();
    }

    private string Describe(Persona viewer, ModelPost p) =>
        $"{W.Name(p.Id)} by {W.Describe(p.AuthorId)} in {W.Name(p.SphereId)} [viewer: row {W.SphereRowOf(viewer.UserId, p.SphereId)?.ToString() ?? "none"}, " +
        $"expected role {oracle.SphereRoleOf(viewer.UserId, W.Sphere(p.SphereId))?.ToString() ?? "none"}, can read {oracle.Sphere(viewer.UserId, W.Sphere(p.SphereId)).CanRead}, " +
        $"recipient {viewer.UserId is { } u && p.Recipients.Contains(u)}]";

    public async Task CheckPostAsync(Persona viewer, ModelPost p, int limit)
    {
        var v = viewer.UserId;
        var visible = oracle.PostVisible(v, p);
        var status = visible ? 200 : 404;
        var kind = p.Published ? (p.IsPrivate ? (v == p.AuthorId ? "private author" : v is { } u && p.Recipients.Contains(u) ? "private recipient" : "private other") : "public")
            : v == p.AuthorId ? "scheduled author" : "scheduled other";
        probe.Cover($"post {kind} {status}");
        var sphere = W.Sphere(p.SphereId);
        if (visible && sphere.Type == SphereType.Public && oracle.SphereRoleOf(v, sphere) is null) probe.Cover("post in a public sphere without a role 200");
        if (!visible && kind == "private recipient") probe.Cover("post of a recipient who lost access 404");
        var target = Describe(viewer, p);
        var path = $"/api/v1/posts/{p.Id}";
        var body = await probe.StatusAsync(viewer, target, path, status);
        if (body is not null && (Id(body) != p.Id || body["sphereId"]!.GetValue<Guid>() != p.SphereId || body["isPrivate"]!.GetValue<bool>() != p.IsPrivate))
            probe.Fail(viewer, target, path, $"post {p.Id} in sphere {p.SphereId}, private={p.IsPrivate}", Probe.Abbreviate(body));

        var history = await probe.StatusAsync(viewer, target, $"{path}/history", status);
        if (history is not null)
        {
            probe.Cover("post history 200");
            if (history.AsArray().Count != p.Revisions + 1)
                probe.Fail(viewer, target, $"{path}/history", $"{p.Revisions + 1} versions", $"{history.AsArray().Count} versions");
        }

        foreach (var comment in C.CommentsOf(p.Id).Where(c => c.Status == CommentStatus.AwaitingApproval && visible))
            probe.Cover(!oracle.CommentVisible(v, comment) ? "comment awaiting approval hidden"
                : comment.AuthorId == v ? "comment awaiting approval shown to its author" : "comment awaiting approval shown to staff");
        await probe.ListAsync(viewer, target, $"{path}/comments", status, oracle.Comments(v, p), Id, limit);
    }

    /// <summary>A sphere's feed (pinned and items over all pages), its tags and its approval queue.</summary>
    public async Task CheckSphereAsync(Persona viewer, ModelSphere s, string target, int limit)
    {
        var v = viewer.UserId;
        var t = oracle.Sphere(v, s);
        var status = t.Visible && t.CanRead ? 200 : 404;
        probe.Cover($"sphere feed {status}");
        var path = $"/api/v1/spheres/{s.Id}/posts";
        var expectedPinned = oracle.PinnedInFeed(v, s);
        if (status == 200 && expectedPinned.Count > 0) probe.Cover("sphere feed with pinned posts");
        if (status == 200 && C.PostsOf(s.Id).Any(p => !p.Published && p.AuthorId == v)) probe.Cover("sphere feed hiding a scheduled post from its author");
        await WalkFeedAsync(viewer, target, path, status, oracle.SphereFeed(v, s), expectedPinned, limit);
        // Filtered by one of its tags (a tag the viewer cannot see posts for must filter down to nothing).
        if (C.PostsOf(s.Id).SelectMany(p => p.Tags).FirstOrDefault() is { } tag)
        {
            probe.Cover($"sphere feed by tag {status}");
            bool Tagged(Guid id) => C.Post(id).Tags.Contains(tag);
            await WalkFeedAsync(viewer, target, $"{path}?tag={tag}", status, oracle.SphereFeed(v, s).Where(Tagged).ToHashSet(), expectedPinned.Where(Tagged).ToHashSet(), limit);
        }

        var tags = await probe.StatusAsync(viewer, target, $"/api/v1/spheres/{s.Id}/tags", status);
        if (tags is not null)
        {
            probe.Cover("sphere tags 200");
            var want = oracle.Tags(v, s);
            var got = tags.AsArray().ToDictionary(x => x!["tag"]!.GetValue<string>(), x => x!["posts"]!.GetValue<int>());
            if (want.Count != got.Count || want.Any(kv => !got.TryGetValue(kv.Key, out var n) || n != kv.Value))
                probe.Fail(viewer, target, $"/api/v1/spheres/{s.Id}/tags", Tags(want), Tags(got));
        }

        var queueStatus = oracle.AwaitingApprovalStatus(v, s);
        probe.Cover($"approval queue {queueStatus}");
        await probe.ListAsync(viewer, target, $"/api/v1/spheres/{s.Id}/comments/awaiting-approval", queueStatus, oracle.AwaitingApproval(v, s), Id, limit);

        // The viewer's own setting for a sphere they hold a role in (a pending charter hides content, not one's own settings).
        var levelStatus = t.Visible && t.Role is not null ? 200 : 404;
        probe.Cover($"notification level {levelStatus}");
        await probe.StatusAsync(viewer, target, $"/api/v1/spheres/{s.Id}/notification-level", levelStatus);
    }

    /// <summary>Walks a sphere feed to its end: pinned posts on the first page only, each post once, exactly the expected ones.</summary>
    private async Task WalkFeedAsync(Persona viewer, string target, string path, int status, IReadOnlySet<Guid> expected, IReadOnlySet<Guid> expectedPinned, int limit)
    {
        var seen = new HashSet<Guid>();
        var pinned = new HashSet<Guid>();
        string? cursor = null;
        var walked = true;
        for (var page = 0; page < 200; page++)
        {
            var url = $"{path}{(path.Contains('?') ? '&' : '?')}limit={limit}{(cursor is null ? "" : $"&cursor={cursor}")}";
            var (actual, body) = await probe.GetAsync(viewer, url);
            if (actual != status)
            {
                probe.Fail(viewer, target, url, $"status {status}", $"status {actual} {Probe.Abbreviate(body)}");
                walked = false;
                break;
            }
            if (actual != 200)
            {
                walked = false;
                break;
            }
            foreach (var item in body!["pinned"]!.AsArray())
            {
                if (page > 0) probe.Fail(viewer, target, url, "pinned posts on the first page only", $"{W.Name(Id(item!))} pinned on page {page + 1}");
                pinned.Add(Id(item!));
                if (!seen.Add(Id(item!))) probe.Fail(viewer, target, url, "each post once", $"{W.Name(Id(item!))} repeated");
            }
            foreach (var item in body["items"]!.AsArray())
                if (!seen.Add(Id(item!))) probe.Fail(viewer, target, url, "each post once", $"{W.Name(Id(item!))} repeated");
            cursor = body["nextCursor"]?.GetValue<string>();
            if (cursor is null) break;
        }
        if (walked)
        {
            Compare(viewer, target, path, expected, seen);
            Compare(viewer, target, path + " (pinned)", expectedPinned, pinned);
        }
    }

    private static string Tags(Dictionary<string, int> tags) => "{" + string.Join(", ", tags.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}: {kv.Value}")) + "}";

    /// <summary>The viewer's own lists: home feed, unread counts, notifications (401 for anonymous).</summary>
    /// <summary>The viewer's home feed, whole and for one organization.</summary>
    public async Task CheckHomeFeedAsync(Persona viewer, int limit)
    {
        if (viewer.UserId is not { } v) return;
        var target = $"own lists of {W.Describe(v)}";
        probe.Cover("home feed");
        if (W.Spheres.Any(s => s.Type == SphereType.Public && !oracle.ReadsAsMember(v, s) && C.PostsOf(s.Id).Any(p => oracle.InFeed(v, p))))
            probe.Cover("home feed leaving out a public sphere without a role");
        await probe.ListAsync(viewer, target, "/api/v1/feed", 200, oracle.HomeFeed(v), Id, limit);
        // One organization's share of it: the viewer's first, or one they are not in (which must yield nothing).
        var organization = W.Organizations.FirstOrDefault(o => W.OrganizationRoleOf(v, o.Id) is not null && !o.IsPersonal) ?? W.RealOrganizations.First();
        probe.Cover("home feed of one organization");
        await probe.ListAsync(viewer, target, $"/api/v1/feed?organizationId={organization.Id}", 200,
            oracle.HomeFeed(v).Where(id => C.Post(id).OrganizationId == organization.Id).ToHashSet(), Id, limit);
    }

    public async Task CheckViewerAsync(Persona viewer, int limit)
    {
        if (viewer.UserId is not { } v)
        {
            foreach (var path in new[] { "/api/v1/feed", "/api/v1/me/unread", "/api/v1/notifications", "/api/v1/notifications/unread-count" })
                await probe.StatusAsync(viewer, "own lists", path, 401);
            return;
        }
        var target = $"own lists of {W.Describe(v)}";
        await CheckHomeFeedAsync(viewer, limit);

        var unread = await probe.StatusAsync(viewer, target, "/api/v1/me/unread", 200);
        if (unread is not null)
        {
            probe.Cover("unread counts");
            var want = oracle.Unread(v);
            var got = unread.AsArray().Select(x => (Sphere: x!["sphereId"]!.GetValue<Guid>(), Count: x["unread"]!.GetValue<int>(), More: x["more"]!.GetValue<bool>())).ToList();
            Compare(viewer, target, "/api/v1/me/unread", want.Keys.ToHashSet(), got.Select(x => x.Sphere).ToHashSet());
            foreach (var (sphere, n, more) in got.Where(x => want.ContainsKey(x.Sphere)))
                if (n != Math.Min(want[sphere], 99) || more != want[sphere] > 99)
                    probe.Fail(viewer, target, "/api/v1/me/unread", $"{W.Name(sphere)}: {want[sphere]} unread", $"{n} unread, more={more}");
        }

        var mine = C.Notifications.Where(n => n.UserId == v).ToList();
        foreach (var n in mine)
        {
            var shown = oracle.NotificationVisible(v, n);
            if (n.SphereId is null) probe.Cover("notification without a sphere");
            else if (shown) probe.Cover("notification shown");
            else if (!oracle.ReadsAsMember(v, W.Sphere(n.SphereId.Value))) probe.Cover("notification hidden after losing access");
        }
        var expected = oracle.Notifications(v);
        await probe.ListAsync(viewer, target, "/api/v1/notifications", 200, expected, Id, limit);
        var count = await probe.StatusAsync(viewer, target, "/api/v1/notifications/unread-count", 200);
        if (count is not null && count["count"]!.GetValue<int>() != Math.Min(expected.Count, 1000))
            probe.Fail(viewer, target, "/api/v1/notifications/unread-count", $"count {expected.Count}", Probe.Abbreviate(count));
    }

    private void Compare(Persona viewer, string target, string path, IReadOnlySet<Guid> expected, IReadOnlySet<Guid> seen)
    {
        if (seen.SetEquals(expected)) return;
        var missing = expected.Except(seen).Select(W.Name).ToList();
        var extra = seen.Except(expected).Select(W.Name).ToList();
        probe.Fail(viewer, target, path, $"{expected.Count} items", $"{seen.Count} items; missing [{string.Join(", ", missing)}]; unexpected [{string.Join(", ", extra)}]");
    }
}
