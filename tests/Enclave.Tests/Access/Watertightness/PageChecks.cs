using System.Text.RegularExpressions;

namespace Enclave.Tests.Access.Watertightness;

/// <summary>
/// The web pages as read paths: the post page and its live fragment, the sphere page and the
/// home page, as one viewer, against the oracle. A page may only show posts and comments the
/// viewer may see (every post card and comment on it is checked), and a page about something
/// invisible answers 404 without a trace of its content. Seeded bodies are "Post {id}" and
/// "Comment {id}", so any leaked content is recognisable in the HTML.
/// </summary>
public sealed partial class PageChecks(Probe probe, Oracle oracle)
{
    private WorldModel W => oracle.World;
    private ConversationModel C => oracle.World.Conversations;

    public static IEnumerable<string> Required() =>
        ["page post 200", "page post 404", "page fragment 404", "page sphere 200", "page sphere 404", "page home with posts"];

    public async Task CheckPostAsync(Persona viewer, ModelPost p)
    {
        var visible = oracle.PostVisible(viewer.UserId, p);
        var target = W.Name(p.Id);
        foreach (var (path, label) in new[] { ($"/p/{p.Id}", "post"), ($"/ui/fragments/posts/{p.Id}", "fragment") })
        {
            var (status, html) = await probe.GetHtmlAsync(viewer, path);
            probe.Cover($"page {label} {(visible ? 200 : 404)}");
            if (status != (visible ? 200 : 404)) probe.Fail(viewer, target, path, $"status {(visible ? 200 : 404)}", $"status {status}");
            if (!visible && html.Contains($"Post {p.Id}", StringComparison.Ordinal)) probe.Fail(viewer, target, path, "no trace of the post", "its body is in the page");
            if (visible) CheckShown(viewer, target, path, html);
        }
    }

    public async Task CheckSphereAsync(Persona viewer, ModelSphere s)
    {
        var visible = oracle.SphereVisible(viewer.UserId, s);
        var path = $"/s/{s.Id}";
        var (status, html) = await probe.GetHtmlAsync(viewer, path);
        probe.Cover($"page sphere {(visible ? 200 : 404)}");
        if (status != (visible ? 200 : 404)) probe.Fail(viewer, W.Name(s.Id), path, $"status {(visible ? 200 : 404)}", $"status {status}");
        if (!visible && html.Contains(s.Name, StringComparison.Ordinal)) probe.Fail(viewer, W.Name(s.Id), path, "no trace of the sphere", "its name is in the page");
        CheckShown(viewer, W.Name(s.Id), path, html);
    }

    public async Task CheckHomeAsync(Persona viewer)
    {
        if (viewer.UserId is null) return;
        var (status, html) = await probe.GetHtmlAsync(viewer, "/");
        if (status != 200) probe.Fail(viewer, "home", "/", "status 200", $"status {status}");
        if (CheckShown(viewer, "home", "/", html) > 0) probe.Cover("page home with posts");
    }

    /// <summary>Every post and comment the HTML shows must be visible to the viewer; returns how many posts it showed.</summary>
    private int CheckShown(Persona viewer, string target, string path, string html)
    {
        var posts = PostMarker().Matches(html).Select(m => Guid.Parse(m.Groups[1].Value)).Distinct().ToList();
        foreach (var id in posts)
        {
            var post = C.Posts.FirstOrDefault(p => p.Id == id);
            if (post is null || !oracle.PostVisible(viewer.UserId, post)) probe.Fail(viewer, target, path, "only posts the viewer may see", $"shows {W.Name(id)}");
        }
        foreach (var id in BodyMarker().Matches(html).Select(m => Guid.Parse(m.Groups[1].Value)).Distinct().Where(id => !posts.Contains(id)))
        {
            // A post's text outside its card (an excerpt, a label): the same rule.
            var post = C.Posts.FirstOrDefault(p => p.Id == id);
            if (post is null || !oracle.PostVisible(viewer.UserId, post)) probe.Fail(viewer, target, path, "only posts the viewer may see", $"shows the text of {W.Name(id)}");
        }
        foreach (var id in CommentMarker().Matches(html).Select(m => Guid.Parse(m.Groups[1].Value)).Distinct())
        {
            var comment = C.Comments.FirstOrDefault(c => c.Id == id);
            if (comment is null || !oracle.CommentVisible(viewer.UserId, comment)) probe.Fail(viewer, target, path, "only comments the viewer may see", $"shows comment {id}");
        }
        return posts.Count;
    }

    [GeneratedRegex(@"data-post-id=""([0-9a-f-]{36})""")]
    private static partial Regex PostMarker();

    [GeneratedRegex(@"Post ([0-9a-f-]{36})")]
    private static partial Regex BodyMarker();

    [GeneratedRegex(@"Comment ([0-9a-f-]{36})")]
    private static partial Regex CommentMarker();
}
