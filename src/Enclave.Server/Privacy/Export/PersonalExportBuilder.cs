using Enclave.Server.Data;
using Enclave.Server.Files;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Privacy.Export;

/// <summary>
/// A person's export: everything they authored and everything held about them, never other
/// people's words. Comments others wrote on their posts appear only as a count; recipients and
/// actors only as ids. Then every feature's <see cref="IPersonalDataExporter"/> adds its part.
/// </summary>
public sealed class PersonalExportBuilder(EnclaveDb db, IBlobStore blobs, IEnumerable<IPersonalDataExporter> exporters) : IExportBuilder
{
    public ExportKind Kind => ExportKind.Personal;

    public async Task<ExportSubject> BuildAsync(DataExport job, ZipExportArchive archive, ExportProgress progress, CancellationToken ct)
    {
        var id = job.UserId;
        var counts = new Dictionary<string, int>();
        await progress.ReportAsync(5, "profile", ct);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct) ?? throw new ExportAbandonedException("the person is gone");
        string? avatarPath = null;
        if (user.AvatarKey is not null && await blobs.OpenAsync(user.PersonalOrganizationId, user.AvatarKey, ct) is { } avatar)
        {
            await using (avatar) await archive.AddFileAsync(avatarPath = ArchivePaths.Avatar("avatar", user.Id, user.AvatarContentType), avatar, ct);
        }
        await archive.AddJsonAsync("profile.json", new
        {
            user.Id, user.UserName, user.FirstName, user.LastName, user.Email, user.Bio, user.Status, user.Language,
            user.IsPlatformAdmin, user.CreatedAt, Avatar = avatarPath,
        }, ct);

        await progress.ReportAsync(15, "memberships", ct);
        var organizations = await db.OrganizationMembers.AsNoTracking().Where(m => m.UserId == id)
            .Join(db.Organizations, m => m.OrganizationId, o => o.Id, (m, o) => new { OrganizationId = o.Id, o.Name, o.IsPersonal, m.Role, m.JoinedAt })
            .OrderBy(x => x.JoinedAt).ToListAsync(ct);
        var spheres = await db.SphereMembers.AsNoTracking().Where(m => m.UserId == id)
            .Join(db.Spheres, m => m.SphereId, s => s.Id, (m, s) => new { SphereId = s.Id, s.OrganizationId, s.Name, s.Type, m.Role, m.JoinedAt })
            .OrderBy(x => x.JoinedAt).ToListAsync(ct);
        var groups = await db.SphereGroupMembers.AsNoTracking().Where(m => m.UserId == id)
            .Join(db.SphereGroups, m => m.GroupId, g => g.Id, (m, g) => new { GroupId = g.Id, g.SphereId, g.Name, g.Handle }).ToListAsync(ct);
        var profiles = await db.SphereProfiles.AsNoTracking().Where(p => p.UserId == id).ToListAsync(ct);
        var sphereProfiles = new List<object>();
        foreach (var p in profiles)
        {
            string? path = null;
            if (p.AvatarKey is not null && await blobs.OpenAsync(p.OrganizationId, p.AvatarKey, ct) is { } stream)
                await using (stream) await archive.AddFileAsync(path = ArchivePaths.Avatar("sphere-avatars", p.SphereId, p.AvatarContentType), stream, ct);
            sphereProfiles.Add(new { p.SphereId, p.Bio, Avatar = path });
        }
        var charters = await db.CharterAcceptances.AsNoTracking().Where(c => c.UserId == id)
            .Select(c => new { c.OrganizationId, c.SphereId, c.Version, c.AcceptedAt }).ToListAsync(ct);
        await archive.AddJsonAsync("memberships.json", new { Organizations = organizations, Spheres = spheres, Groups = groups, SphereProfiles = sphereProfiles, CharterAcceptances = charters }, ct);
        counts["organizations"] = organizations.Count;
        counts["spheres"] = spheres.Count;

        await progress.ReportAsync(30, "posts", ct);
        var posts = await db.Posts.AsNoTracking().Where(p => p.AuthorId == id).OrderBy(p => p.CreatedAt).Select(p => new
        {
            p.Id, p.OrganizationId, p.SphereId, p.Body, p.Style, p.IsPrivate,
            Tags = db.PostTags.Where(t => t.PostId == p.Id).OrderBy(t => t.Tag).Select(t => t.Tag).ToList(),
            RecipientIds = db.PostRecipients.Where(r => r.PostId == p.Id).Select(r => r.UserId).ToList(),
            Revisions = db.PostRevisions.Where(r => r.PostId == p.Id).OrderBy(r => r.WrittenAt)
                .Select(r => new { r.Body, r.Style, r.WrittenAt, WrittenByYou = r.AuthorId == id }).ToList(),
            AttachmentIds = db.Attachments.Where(a => a.PostId == p.Id).Select(a => a.Id).ToList(),
            p.CreatedAt, p.PublishAt, p.PublishedAt, p.DeleteAt, p.EditedAt, p.PinnedAt, p.CopiedFromPostId,
            p.CommentCount,
            ReactionCount = db.Reactions.Count(r => r.TargetId == p.Id),
        }).ToListAsync(ct);
        await archive.AddJsonAsync("posts.json", posts, ct);
        counts["posts"] = posts.Count;

        await progress.ReportAsync(45, "comments", ct);
        var comments = await db.Comments.AsNoTracking().Where(c => c.AuthorId == id).OrderBy(c => c.CreatedAt)
            .Select(c => new { c.Id, c.OrganizationId, c.SphereId, c.PostId, c.Body, c.Status, c.CreatedAt, c.EditedAt }).ToListAsync(ct);
        await archive.AddJsonAsync("comments.json", comments, ct);
        counts["comments"] = comments.Count;
        var reactions = await db.Reactions.AsNoTracking().Where(r => r.UserId == id).OrderBy(r => r.CreatedAt)
            .Select(r => new { r.Id, r.OrganizationId, r.SphereId, r.PostId, r.TargetId, OnComment = r.TargetId != r.PostId, r.Kind, r.CreatedAt }).ToListAsync(ct);
        await archive.AddJsonAsync("reactions.json", reactions, ct);
        counts["reactions"] = reactions.Count;

        await progress.ReportAsync(55, "files", ct);
        var attachments = await db.Attachments.AsNoTracking().Where(a => a.UploaderId == id).OrderBy(a => a.CreatedAt).ToListAsync(ct);
        var files = new List<object>();
        foreach (var a in attachments)
        {
            string? path = null;
            if (await blobs.OpenAsync(a.OrganizationId, a.BlobKey, ct) is { } stream)
                await using (stream) await archive.AddFileAsync(path = ArchivePaths.Attachment(a.Id, a.FileName), stream, ct);
            files.Add(new { a.Id, a.OrganizationId, a.SphereId, a.PostId, a.FileName, a.ContentType, a.Size, a.CreatedAt, a.AttachedAt, File = path });
        }
        await archive.AddJsonAsync("attachments.json", files, ct);
        counts["attachments"] = files.Count;

        await progress.ReportAsync(75, "settings", ct);
        await archive.AddJsonAsync("notification-settings.json", await db.NotificationSettings.AsNoTracking().Where(n => n.UserId == id)
            .Select(n => new { n.OrganizationId, n.SphereId, n.Level }).ToListAsync(ct), ct);
        await archive.AddJsonAsync("notifications.json", await db.Notifications.AsNoTracking().Where(n => n.UserId == id).OrderBy(n => n.Id)
            .Select(n => new { n.Id, n.Kind, n.OrganizationId, n.SphereId, n.PostId, n.CommentId, n.SubjectId, n.ActorId, n.CreatedAt, n.ReadAt }).ToListAsync(ct), ct);
        // Sessions and tokens: where and when, never the secrets (only their hashes are stored anyway).
        await archive.AddJsonAsync("sessions.json", await db.Sessions.AsNoTracking().Where(s => s.UserId == id).OrderBy(s => s.CreatedAt)
            .Select(s => new { s.Id, Device = s.UserAgent, s.Ip, s.CreatedAt, s.LastSeenAt, s.ExpiresAt }).ToListAsync(ct), ct);
        await archive.AddJsonAsync("access-tokens.json", await db.AccessTokens.AsNoTracking().Where(t => t.UserId == id).OrderBy(t => t.CreatedAt)
            .Select(t => new { t.Id, t.Name, t.Prefix, t.CreatedAt, t.ExpiresAt, t.LastUsedAt }).ToListAsync(ct), ct);

        await progress.ReportAsync(80, "invitations", ct);
        await archive.AddJsonAsync("invitations.json", await db.Invitations.AsNoTracking()
            .Where(i => i.InvitedById == id || i.InviteeUserId == id || i.AcceptedById == id).OrderBy(i => i.CreatedAt)
            .Select(i => new { i.Id, i.OrganizationId, i.SphereId, SentByYou = i.InvitedById == id, i.InviteeUserId, i.InviteeEmail, i.Role, i.Message, i.Status, i.CreatedAt, i.ExpiresAt, i.DecidedAt })
            .ToListAsync(ct), ct);
        await archive.AddJsonAsync("join-requests.json", await db.JoinRequests.AsNoTracking().Where(j => j.UserId == id).OrderBy(j => j.CreatedAt)
            .Select(j => new { j.Id, j.OrganizationId, j.SphereId, j.Message, j.Status, j.CreatedAt, j.DecidedAt }).ToListAsync(ct), ct);

        await progress.ReportAsync(85, "other features", ct);
        var part = new PersonalDataExport(db, id, archive);
        foreach (var exporter in exporters) await exporter.ExportAsync(part, ct);
        return new ExportSubject(user.Id, user.UserName, counts);
    }
}
