using Enclave.Server.Data;
using Enclave.Server.Files;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Privacy.Export;

/// <summary>
/// An organization's whole content, for moving it or hosting it elsewhere: only rows whose tenant
/// key is this organization (daughters of a federation are exported on their own). Private posts
/// are included with their recipients: the archive is the organization's, and an import must
/// recreate it faithfully. Long lists are streamed from the database into the archive.
/// </summary>
public sealed class OrganizationExportBuilder(EnclaveDb db, IBlobStore blobs) : IExportBuilder
{
    public ExportKind Kind => ExportKind.Organization;

    public async Task<ExportSubject> BuildAsync(DataExport job, ZipExportArchive archive, ExportProgress progress, CancellationToken ct)
    {
        var orgId = job.OrganizationId ?? throw new ExportAbandonedException("no organization");
        var counts = new Dictionary<string, int>();
        await progress.ReportAsync(5, "organization", ct);
        var org = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == orgId, ct) ?? throw new ExportAbandonedException("the organization is gone");
        await archive.AddJsonAsync("organization.json", new
        {
            org.Id, org.Name, org.Description, org.Plan, org.ParentId, org.HiddenInTree, org.MembersCanCreateSpheres,
            org.ExternalPortal, org.Charter, org.CharterVersion, org.CreatedAt,
        }, ct);

        await progress.ReportAsync(10, "people", ct);
        // Everyone the content refers to: members and visitors with their role, and former members
        // (role null) who still author posts, comments, reactions or files here.
        var involved = db.OrganizationMembers.Where(m => m.OrganizationId == orgId).Select(m => m.UserId)
            .Union(db.SphereMembers.Where(m => m.OrganizationId == orgId).Select(m => m.UserId))
            .Union(db.Posts.Where(p => p.OrganizationId == orgId).Select(p => p.AuthorId))
            .Union(db.Comments.Where(c => c.OrganizationId == orgId).Select(c => c.AuthorId))
            .Union(db.Reactions.Where(r => r.OrganizationId == orgId).Select(r => r.UserId))
            .Union(db.PostRecipients.Where(r => r.OrganizationId == orgId).Select(r => r.UserId))
            .Union(db.SphereGroupMembers.Where(g => g.OrganizationId == orgId).Select(g => g.UserId))
            .Union(db.Spheres.Where(s => s.OrganizationId == orgId).Select(s => s.CreatedById))
            .Union(db.Attachments.Where(a => a.OrganizationId == orgId).Select(a => a.UploaderId));
        var people = await db.Users.AsNoTracking().Where(u => involved.Contains(u.Id)).OrderBy(u => u.Id).Select(u => new
        {
            u.Id, u.UserName, u.FirstName, u.LastName, u.Email, u.Language,
            Role = db.OrganizationMembers.Where(m => m.OrganizationId == orgId && m.UserId == u.Id).Select(m => (Organizations.OrganizationRole?)m.Role).FirstOrDefault(),
            JoinedAt = db.OrganizationMembers.Where(m => m.OrganizationId == orgId && m.UserId == u.Id).Select(m => (DateTime?)m.JoinedAt).FirstOrDefault(),
        }).ToListAsync(ct);
        await archive.AddJsonAsync("people.json", people, ct);
        counts["people"] = people.Count;
        counts["members"] = people.Count(p => p.Role is not null);

        await progress.ReportAsync(20, "spheres", ct);
        var spheres = await db.Spheres.AsNoTracking().Where(s => s.OrganizationId == orgId).OrderBy(s => s.Id).Select(s => new
        {
            s.Id, s.Name, s.Description, s.Type, s.ListedInPortal, s.MembersCanInvite, s.Charter, s.CharterVersion, s.CreatedById, s.CreatedAt,
            Members = db.SphereMembers.Where(m => m.SphereId == s.Id).OrderBy(m => m.Id).Select(m => new { m.UserId, m.Role, m.JoinedAt }).ToList(),
            Groups = db.SphereGroups.Where(g => g.SphereId == s.Id).OrderBy(g => g.Id).Select(g => new
            {
                g.Id, g.Name, g.Handle, g.CreatedAt,
                MemberIds = db.SphereGroupMembers.Where(m => m.GroupId == g.Id).Select(m => m.UserId).ToList(),
            }).ToList(),
        }).ToListAsync(ct);
        await archive.AddJsonAsync("spheres.json", spheres, ct);
        counts["spheres"] = spheres.Count;

        var profiles = new List<object>();
        foreach (var p in await db.SphereProfiles.AsNoTracking().Where(p => p.OrganizationId == orgId).OrderBy(p => p.Id).ToListAsync(ct))
        {
            string? path = null;
            if (p.AvatarKey is not null && await blobs.OpenAsync(orgId, p.AvatarKey, ct) is { } stream)
                await using (stream) await archive.AddFileAsync(path = ArchivePaths.Avatar("sphere-avatars", p.Id, p.AvatarContentType), stream, ct);
            profiles.Add(new { p.Id, p.SphereId, p.UserId, p.Bio, Avatar = path, p.AvatarContentType });
        }
        await archive.AddJsonAsync("sphere-profiles.json", profiles, ct);

        await progress.ReportAsync(30, "posts", ct);
        var posts = db.Posts.AsNoTracking().Where(p => p.OrganizationId == orgId).OrderBy(p => p.Id).Select(p => new
        {
            p.Id, p.SphereId, p.AuthorId, p.Body, p.Style, p.IsPrivate, p.FeedKey,
            Tags = db.PostTags.Where(t => t.PostId == p.Id).OrderBy(t => t.Tag).Select(t => t.Tag).ToList(),
            RecipientIds = db.PostRecipients.Where(r => r.PostId == p.Id).Select(r => r.UserId).ToList(),
            Revisions = db.PostRevisions.Where(r => r.PostId == p.Id).OrderBy(r => r.WrittenAt).Select(r => new { r.Id, r.Body, r.Style, r.AuthorId, r.WrittenAt }).ToList(),
            p.CreatedAt, p.PublishAt, p.PublishedAt, p.DeleteAt, p.EditedAt, p.PinnedAt, p.CopiedFromPostId, p.CopiedFromSphereId,
        });
        await archive.AddJsonAsync("posts.json", posts.AsAsyncEnumerable(), counts["posts"] = await posts.CountAsync(ct), ct);

        await progress.ReportAsync(50, "comments", ct);
        var comments = db.Comments.AsNoTracking().Where(c => c.OrganizationId == orgId).OrderBy(c => c.Id)
            .Select(c => new { c.Id, c.SphereId, c.PostId, c.AuthorId, c.Body, c.Status, c.CreatedAt, c.EditedAt });
        await archive.AddJsonAsync("comments.json", comments.AsAsyncEnumerable(), counts["comments"] = await comments.CountAsync(ct), ct);
        var reactions = db.Reactions.AsNoTracking().Where(r => r.OrganizationId == orgId).OrderBy(r => r.Id)
            .Select(r => new { r.Id, r.SphereId, r.PostId, r.TargetId, r.UserId, r.Kind, r.CreatedAt });
        await archive.AddJsonAsync("reactions.json", reactions.AsAsyncEnumerable(), counts["reactions"] = await reactions.CountAsync(ct), ct);

        await progress.ReportAsync(60, "files", ct);
        // Only attachments linked to a post: pending uploads are someone's unfinished work and are purged anyway.
        var attachments = await db.Attachments.AsNoTracking().Where(a => a.OrganizationId == orgId && a.PostId != null).OrderBy(a => a.Id).ToListAsync(ct);
        var files = new List<object>();
        for (var i = 0; i < attachments.Count; i++)
        {
            var a = attachments[i];
            string? path = null;
            if (await blobs.OpenAsync(orgId, a.BlobKey, ct) is { } stream)
                await using (stream) await archive.AddFileAsync(path = ArchivePaths.Attachment(a.Id, a.FileName), stream, ct);
            files.Add(new { a.Id, a.SphereId, a.PostId, a.UploaderId, a.FileName, a.ContentType, a.Size, a.CreatedAt, a.AttachedAt, File = path });
            if (i % 50 == 49) await progress.ReportAsync(60 + 30 * i / attachments.Count, "files", ct);
        }
        await archive.AddJsonAsync("attachments.json", files, ct);
        counts["attachments"] = files.Count;
        return new ExportSubject(org.Id, org.Name, counts);
    }
}
