using Enclave.Server.Spheres;

namespace Enclave.Tests.Access.Watertightness;

/// <summary>
/// Who finds and downloads what, from the design rules (docs/api/conversations.md "Search",
/// "Attachments", "Scheduled publication") over the model, on top of the sphere rules of <see cref="Oracle"/>.
/// </summary>
public sealed class SearchOracle(SearchWorld c, Oracle oracle)
{
    private WorldModel W => c.World;

    private bool Addressed(Guid? v, SearchPost p) => !p.IsPrivate || (v is { } u && (u == p.AuthorId || p.Recipients.Contains(u)));

    /// <summary>Search covers the spheres whose content V reads as a member (a role, every charter accepted), never public spheres read by link.</summary>
    public bool ReadsAsMember(Guid? v, ModelSphere s)
    {
        var truth = oracle.Sphere(v, s);
        return v is not null && truth.Role is not null && !truth.CharterPending;
    }

    /// <summary>Found by search: in a sphere V reads as a member, published, and public to the sphere or addressed to V.</summary>
    public bool PostFound(Guid? v, SearchPost p) => ReadsAsMember(v, W.Sphere(p.SphereId)) && p.Published && Addressed(v, p);

    /// <summary>On a post V finds; awaiting approval only for its author and the sphere's staff.</summary>
    public bool CommentFound(Guid? v, SearchComment cm)
    {
        var post = c.Posts.First(p => p.Id == cm.PostId);
        if (!PostFound(v, post)) return false;
        if (!cm.AwaitingApproval) return true;
        return v == cm.AuthorId || oracle.SphereRoleOf(v, W.Sphere(cm.SphereId)) is SphereRole.Administrator or SphereRole.Publisher;
    }

    /// <summary>
    /// Readable post (anyone may read a public sphere): published or V's own scheduled post
    /// ("until then only the author sees the post"), and public to the sphere or addressed to V.
    /// </summary>
    public bool PostReadable(Guid? v, SearchPost p) =>
        oracle.Sphere(v, W.Sphere(p.SphereId)).CanRead && (p.Published || v == p.AuthorId) && Addressed(v, p);

    /// <summary>An attachment downloads iff its post is readable, or it is V's own recent pending upload in a sphere V may still write in.</summary>
    public bool AttachmentDownloads(Guid? v, SearchAttachment a)
    {
        if (a.PostId is { } postId) return PostReadable(v, c.Posts.First(p => p.Id == postId));
        return !a.Expired && v == a.UploaderId && oracle.Sphere(v, W.Sphere(a.SphereId)).CanComment;
    }
}
