using Enclave.Server.Files;
using Enclave.Server.Posts;
using Enclave.Server.Posts.Attachments;
using Enclave.Server.Data;
using Enclave.Server.Organizations;
using Enclave.Server.Spheres;
using Enclave.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Enclave.Tests.Access.Watertightness;

public sealed record SearchPost(Guid Id, Guid SphereId, Guid OrganizationId, Guid AuthorId, string Token, bool IsPrivate, bool Published,
    IReadOnlyList<Guid> Recipients);

public sealed record SearchComment(Guid Id, Guid PostId, Guid SphereId, Guid OrganizationId, Guid AuthorId, string Token, bool AwaitingApproval);

/// <summary>An upload: attached to <see cref="PostId"/>, or pending (recent or expired) when it is null.</summary>
public sealed record SearchAttachment(Guid Id, Guid? PostId, Guid SphereId, Guid OrganizationId, Guid UploaderId, byte[] Bytes, bool Expired);

/// <summary>
/// Content on top of a generated <see cref="WorldModel"/>: posts (public, private with recipients,
/// scheduled), comments (some awaiting approval) and attachments, each post and comment body
/// carrying a unique token word so that a search for it names exactly one document.
/// </summary>
public sealed class SearchWorld(WorldModel w)
{
    public WorldModel World => w;
    public List<SearchPost> Posts { get; } = [];
    public List<SearchComment> Comments { get; } = [];
    public List<SearchAttachment> Attachments { get; } = [];

    private ILookup<Guid, SearchComment>? _commentsByPost;
    private ILookup<Guid, SearchAttachment>? _attachmentsByPost;
    public ILookup<Guid, SearchComment> CommentsOf => _commentsByPost ??= Comments.ToLookup(c => c.PostId);
    public ILookup<Guid, SearchAttachment> AttachmentsOf => _attachmentsByPost ??= Attachments.Where(a => a.PostId is not null).ToLookup(a => a.PostId!.Value);

    /// <summary>A readable name for a post or comment id (with its token), else as <see cref="WorldModelNames.Name"/>.</summary>
    public string Name(Guid id) =>
        Posts.FirstOrDefault(p => p.Id == id) is { } p ? $"post {p.Token} ({id})"
        : Comments.FirstOrDefault(cm => cm.Id == id) is { } cm ? $"comment {cm.Token} ({id})"
        : w.Name(id);

    // Consonants only (no s, x, y): no English or French stemmer suffix, so no two tokens can meet in one stem.
    private const string Letters = "bcdfghjklmnpqrtvwz";
    private readonly HashSet<string> _tokens = [];

    private string Token(Random rng)
    {
        while (true)
        {
            var token = "zq" + new string(Enumerable.Range(0, 8).Select(_ => Letters[rng.Next(Letters.Length)]).ToArray());
            if (_tokens.Add(token)) return token;
        }
    }

    /// <summary>People holding a row in the sphere (stale ones included), plus a few implicit members of a global sphere.</summary>
    private List<Guid> Writers(ModelSphere s, Random rng)
    {
        var holders = w.SphereRows.Keys.Where(k => k.Sphere == s.Id).Select(k => k.User).ToList();
        if (s.Type == SphereType.Global)
            holders.AddRange(w.OrganizationRoles.Where(kv => kv.Key.Organization == s.OrganizationId && kv.Value is OrganizationRole.Manager or OrganizationRole.Member)
                .Select(kv => kv.Key.User).OrderBy(_ => rng.Next()).Take(4));
        return holders.Distinct().ToList();
    }

    public static SearchWorld Generate(WorldModel w, Random rng)
    {
        var c = new SearchWorld(w);
        foreach (var sphere in w.Spheres)
        {
            var writers = c.Writers(sphere, rng);
            if (writers.Count == 0) continue;
            var postCount = 2 + rng.Next(4);
            for (var i = 0; i < postCount; i++)
            {
                var author = writers[rng.Next(writers.Count)];
                var x = rng.NextDouble();
                var isPrivate = x < 0.35;
                var published = x is < 0.3 or > 0.45;
                var recipients = new List<Guid>();
                if (isPrivate)
                {
                    recipients.AddRange(writers.Where(u => u != author).OrderBy(_ => rng.Next()).Take(1 + rng.Next(3)));
                    // Now and then someone who left (or never was) in the sphere is still on the list.
                    if (rng.NextDouble() < 0.3) recipients.Add(w.Users[rng.Next(w.Users.Count)].Id);
                    recipients = recipients.Where(u => u != author).Distinct().ToList();
                }
                var post = new SearchPost(Guid.CreateVersion7(), sphere.Id, sphere.OrganizationId, author, c.Token(rng), isPrivate, published, recipients);
                c.Posts.Add(post);
                var commentCount = rng.Next(4);
                for (var j = 0; j < commentCount; j++)
                {
                    var commenter = rng.NextDouble() < 0.2 ? author : writers[rng.Next(writers.Count)];
                    var awaiting = sphere.Type == SphereType.Forum && rng.NextDouble() < 0.6;
                    c.Comments.Add(new SearchComment(Guid.CreateVersion7(), post.Id, sphere.Id, sphere.OrganizationId, commenter, c.Token(rng), awaiting));
                }
                if (rng.NextDouble() < 0.4)
                    c.Attachments.Add(new SearchAttachment(Guid.CreateVersion7(), post.Id, sphere.Id, sphere.OrganizationId, author, Bytes(rng), false));
            }
            if (rng.NextDouble() < 0.25)
                c.Attachments.Add(new SearchAttachment(Guid.CreateVersion7(), null, sphere.Id, sphere.OrganizationId, writers[rng.Next(writers.Count)], Bytes(rng),
                    Expired: rng.NextDouble() < 0.3));
        }
        return c;
    }

    private static byte[] Bytes(Random rng)
    {
        var bytes = new byte[16 + rng.Next(200)];
        rng.NextBytes(bytes);
        return bytes;
    }

    /// <summary>Writes the content straight into the database (the search index follows through its triggers) and the blobs into the blob store.</summary>
    public async Task SeedAsync(EnclaveApp app)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EnclaveDb>();
        var blobs = scope.ServiceProvider.GetRequiredService<IBlobStore>();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var now = w.Now;
        db.Posts.AddRange(Posts.Select(p => new Post
        {
            Id = p.Id, OrganizationId = p.OrganizationId, SphereId = p.SphereId, AuthorId = p.AuthorId,
            Body = $"Note {p.Token} for the record", BodyHtml = $"<p>Note {p.Token} for the record</p>", IsPrivate = p.IsPrivate,
            FeedKey = p.Published ? Guid.CreateVersion7() : null, CreatedAt = now.AddHours(-2),
            PublishAt = p.Published ? null : now.AddDays(2), PublishedAt = p.Published ? now.AddHours(-2) : null,
            CommentCount = CommentsOf[p.Id].Count(cm => !cm.AwaitingApproval),
        }));
        db.PostRecipients.AddRange(Posts.SelectMany(p => p.Recipients.Select(u => new PostRecipient
        {
            Id = Guid.CreateVersion7(), OrganizationId = p.OrganizationId, SphereId = p.SphereId, PostId = p.Id, UserId = u,
        })));
        db.Comments.AddRange(Comments.Select(cm => new Comment
        {
            Id = cm.Id, OrganizationId = cm.OrganizationId, SphereId = cm.SphereId, PostId = cm.PostId, AuthorId = cm.AuthorId,
            Body = $"Reply {cm.Token} indeed", BodyHtml = $"<p>Reply {cm.Token} indeed</p>",
            Status = cm.AwaitingApproval ? CommentStatus.AwaitingApproval : CommentStatus.Published, CreatedAt = now.AddHours(-1),
        }));
        foreach (var a in Attachments)
        {
            using var content = new MemoryStream(a.Bytes);
            var key = await blobs.PutAsync(a.OrganizationId, content, CancellationToken.None);
            var created = a.PostId is not null ? now.AddHours(-2) : a.Expired ? now.AddDays(-2) : now.AddHours(-1);
            db.Attachments.Add(new Attachment
            {
                Id = a.Id, OrganizationId = a.OrganizationId, SphereId = a.SphereId, UploaderId = a.UploaderId, PostId = a.PostId,
                FileName = "notes.bin", ContentType = "application/octet-stream", Size = a.Bytes.Length, BlobKey = key,
                CreatedAt = created, AttachedAt = a.PostId is not null ? now.AddHours(-2) : null,
            });
        }
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync();
    }
}
