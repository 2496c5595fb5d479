using Enclave.Server.Accounts;
using Enclave.Server.Audit;
using Enclave.Server.Data;
using Enclave.Server.Files;
using Enclave.Server.Organizations;
using Enclave.Server.Posts;
using Enclave.Server.Posts.Attachments;
using Enclave.Server.Posts.Rendering;
using Enclave.Server.Spheres;
using Enclave.Server.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using System.IO.Compression;

namespace Enclave.Server.Privacy.Import;

public sealed record ImportResult(Guid OrganizationId, string Name, int PeopleMatched, int PeopleCreated, int Spheres, int Posts, int Comments, int Attachments);

/// <summary>
/// Creates an exported organization in this instance. Ids are kept (links and references stay
/// stable), so importing into an instance that already has them is refused with 409. People are
/// matched by email to existing accounts; the others get an account with a random, never-told
/// password (they use "forgot password"). Everything is written in one transaction; the files are
/// copied first and deleted again if the transaction does not commit.
/// </summary>
public sealed class OrganizationImporter(EnclaveDb db, IBlobStore blobs, IPasswordHasher<User> hasher, AuditLog audit, TimeProvider clock)
{
    public async Task<ImportResult> ImportAsync(ZipArchive zip, Guid adminId, CancellationToken ct)
    {
        var a = ArchiveReader.Read(zip);
        var orgId = a.Organization.Id;
        await RefuseCollisionsAsync(a, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var (users, matched, created) = await PeopleAsync(a.People, now, ct);
        var copied = new List<string>();
        try
        {
            var o = a.Organization;
            db.Organizations.Add(new Organization
            {
                Id = orgId, RootId = orgId, Name = o.Name.Trim(), Description = o.Description ?? "", Plan = o.Plan, HiddenInTree = o.HiddenInTree,
                MembersCanCreateSpheres = o.MembersCanCreateSpheres, ExternalPortal = o.ExternalPortal, Charter = o.Charter, CharterVersion = o.CharterVersion, CreatedAt = o.CreatedAt,
            });
            foreach (var p in a.People.Where(p => p.Role is not null))
                db.OrganizationMembers.Add(new OrganizationMember { Id = Ids.New(), OrganizationId = orgId, UserId = users[p.Id], Role = p.Role!.Value, JoinedAt = p.JoinedAt ?? now });
            var groupsBySphere = new Dictionary<Guid, Dictionary<string, Guid>>();
            foreach (var s in a.Spheres)
            {
                db.Spheres.Add(new Sphere
                {
                    Id = s.Id, OrganizationId = orgId, Name = s.Name.Trim(), Description = s.Description ?? "", Type = s.Type, ListedInPortal = s.ListedInPortal,
                    MembersCanInvite = s.MembersCanInvite, Charter = s.Charter, CharterVersion = s.CharterVersion, CreatedById = users[s.CreatedById], CreatedAt = s.CreatedAt,
                });
                foreach (var m in s.Members ?? [])
                    db.SphereMembers.Add(new SphereMember { Id = Ids.New(), OrganizationId = orgId, SphereId = s.Id, UserId = users[m.UserId], Role = m.Role, JoinedAt = m.JoinedAt });
                var handles = groupsBySphere[s.Id] = new(StringComparer.Ordinal);
                foreach (var g in s.Groups ?? [])
                {
                    db.SphereGroups.Add(new SphereGroup { Id = g.Id, OrganizationId = orgId, SphereId = s.Id, Name = g.Name, Handle = g.Handle, CreatedAt = g.CreatedAt });
                    handles[g.Handle] = g.Id;
                    foreach (var member in (g.MemberIds ?? []).Distinct())
                        db.SphereGroupMembers.Add(new SphereGroupMember { Id = Ids.New(), OrganizationId = orgId, SphereId = s.Id, GroupId = g.Id, UserId = users[member] });
                }
            }
            foreach (var p in a.Profiles)
            {
                string? key = null;
                if (p.Avatar is not null) copied.Add(key = await CopyAsync(zip, orgId, p.Avatar, ct));
                db.SphereProfiles.Add(new SphereProfile { Id = p.Id, OrganizationId = orgId, SphereId = p.SphereId, UserId = users[p.UserId], Bio = p.Bio, AvatarKey = key, AvatarContentType = key is null ? null : p.AvatarContentType });
            }
            var names = a.People.ToDictionary(p => p.UserName.ToLowerInvariant(), p => users[p.Id]);
            foreach (var p in a.Posts) AddPost(p, orgId, users, names, groupsBySphere[p.SphereId], a.Comments.Count(c => c.PostId == p.Id && c.Status == CommentStatus.Published));
            foreach (var c in a.Comments)
                db.Comments.Add(new Comment
                {
                    Id = c.Id, OrganizationId = orgId, SphereId = c.SphereId, PostId = c.PostId, AuthorId = users[c.AuthorId], Body = c.Body,
                    BodyHtml = MarkdownRenderer.Render(c.Body, Resolve(c.Body, names, groupsBySphere[c.SphereId])), Status = c.Status, CreatedAt = c.CreatedAt, EditedAt = c.EditedAt,
                });
            foreach (var r in a.Reactions)
                db.Reactions.Add(new Reaction { Id = r.Id, OrganizationId = orgId, SphereId = r.SphereId, PostId = r.PostId, TargetId = r.TargetId, UserId = users[r.UserId], Kind = r.Kind, CreatedAt = r.CreatedAt });
            foreach (var f in a.Attachments)
            {
                var key = await CopyAsync(zip, orgId, f.File!, ct);
                copied.Add(key);
                db.Attachments.Add(new Attachment
                {
                    Id = f.Id, OrganizationId = orgId, SphereId = f.SphereId, UploaderId = users[f.UploaderId], PostId = f.PostId, FileName = AttachmentFileName.Sanitize(f.FileName),
                    ContentType = f.ContentType, Size = f.Size, BlobKey = key, CreatedAt = f.CreatedAt, AttachedAt = f.AttachedAt ?? f.CreatedAt,
                });
            }
            audit.Record(AuditActions.OrganizationImported, adminId, new AuditTarget(OrganizationId: orgId, TargetType: "organization", TargetId: orgId, Detail: o.Name));
            await db.SaveChangesAsync(ct);
        }
        catch (Exception e)
        {
            foreach (var key in copied) await blobs.DeleteAsync(orgId, key, CancellationToken.None);
            if (e is DbUpdateException) throw Conflict();
            throw;
        }
        return new ImportResult(orgId, a.Organization.Name, matched, created, a.Spheres.Count, a.Posts.Count, a.Comments.Count, a.Attachments.Count);
    }

    private void AddPost(PostRecord p, Guid orgId, Dictionary<Guid, Guid> users, Dictionary<string, Guid> names, Dictionary<string, Guid> groups, int comments)
    {
        db.Posts.Add(new Post
        {
            Id = p.Id, OrganizationId = orgId, SphereId = p.SphereId, AuthorId = users[p.AuthorId], Body = p.Body,
            BodyHtml = MarkdownRenderer.Render(p.Body, Resolve(p.Body, names, groups)), Style = p.Style, IsPrivate = p.IsPrivate, FeedKey = p.FeedKey,
            CreatedAt = p.CreatedAt, PublishAt = p.PublishAt, PublishedAt = p.PublishedAt, DeleteAt = p.DeleteAt, EditedAt = p.EditedAt, PinnedAt = p.PinnedAt,
            CopiedFromPostId = p.CopiedFromPostId, CopiedFromSphereId = p.CopiedFromSphereId, CommentCount = comments,
        });
        foreach (var tag in (p.Tags ?? []).Distinct())
            db.PostTags.Add(new PostTag { Id = Ids.New(), OrganizationId = orgId, SphereId = p.SphereId, PostId = p.Id, Tag = tag });
        foreach (var r in (p.RecipientIds ?? []).Distinct())
            db.PostRecipients.Add(new PostRecipient { Id = Ids.New(), OrganizationId = orgId, SphereId = p.SphereId, PostId = p.Id, UserId = users[r] });
        foreach (var r in p.Revisions ?? [])
            db.PostRevisions.Add(new PostRevision { Id = r.Id, OrganizationId = orgId, SphereId = p.SphereId, PostId = p.Id, Body = r.Body, Style = r.Style, AuthorId = users[r.AuthorId], WrittenAt = r.WrittenAt });
    }

    /// <summary>Mentions are linked again to the people and groups of the archive (by name, as the body says).</summary>
    private static ResolvedMentions Resolve(string body, Dictionary<string, Guid> names, Dictionary<string, Guid> groups)
    {
        var refs = MarkdownRenderer.Extract(body);
        return new ResolvedMentions(
            refs.UserNames.Where(names.ContainsKey).ToDictionary(n => n, n => names[n]),
            refs.GroupHandles.Where(groups.ContainsKey).ToDictionary(h => h, h => groups[h]));
    }

    private async Task RefuseCollisionsAsync(OrganizationArchive a, CancellationToken ct)
    {
        if (await db.Organizations.AnyAsync(o => o.Id == a.Organization.Id, ct)) throw Conflict();
        foreach (var chunk in a.Spheres.Select(s => s.Id).Chunk(500))
            if (await db.Spheres.AnyAsync(s => chunk.Contains(s.Id), ct)) throw Conflict();
        foreach (var chunk in a.Posts.Select(p => p.Id).Chunk(500))
            if (await db.Posts.AnyAsync(p => chunk.Contains(p.Id), ct)) throw Conflict();
    }

    /// <summary>Maps each archived person to an account here: the one with the same email, or a new one (keeping the id when free).</summary>
    private async Task<(Dictionary<Guid, Guid> Map, int Matched, int Created)> PeopleAsync(List<PersonRecord> people, DateTime now, CancellationToken ct)
    {
        var map = new Dictionary<Guid, Guid>();
        int matched = 0, created = 0;
        foreach (var p in people)
        {
            var email = AccountRules.Normalize(p.Email);
            if (await db.Users.Where(u => u.NormalizedEmail == email).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct) is { } existing)
            {
                map[p.Id] = existing;
                matched++;
                continue;
            }
            var id = await db.Users.AnyAsync(u => u.Id == p.Id, ct) ? Ids.New() : p.Id;
            var userName = await FreeUserNameAsync(p.UserName.Trim(), ct);
            var user = new User
            {
                Id = id, UserName = userName, NormalizedUserName = AccountRules.Normalize(userName), FirstName = p.FirstName.Trim(), LastName = p.LastName.Trim(),
                Email = p.Email.Trim(), NormalizedEmail = email, PasswordHash = "", Language = p.Language is "fr" ? "fr" : "en", CreatedAt = now,
            };
            // A random password nobody knows: the person sets their own through "forgot password".
            user.PasswordHash = hasher.HashPassword(user, Secrets.New("import_"));
            var personal = new Organization { Id = Ids.New(), Name = user.DisplayName, IsPersonal = true, CreatedAt = now };
            personal.RootId = personal.Id;
            user.PersonalOrganizationId = personal.Id;
            db.Users.Add(user);
            db.Organizations.Add(personal);
            db.OrganizationMembers.Add(new OrganizationMember { Id = Ids.New(), OrganizationId = personal.Id, UserId = id, Role = OrganizationRole.Manager, JoinedAt = now });
            map[p.Id] = id;
            created++;
        }
        return (map, matched, created);
    }

    private async Task<string> FreeUserNameAsync(string wanted, CancellationToken ct)
    {
        for (var i = 0; ; i++)
        {
            var candidate = i == 0 ? wanted : $"{wanted[..Math.Min(wanted.Length, 26)]}{i + 1}";
            var normalized = AccountRules.Normalize(candidate);
            if (!await db.Users.AnyAsync(u => u.NormalizedUserName == normalized, ct) && !db.Users.Local.Any(u => u.NormalizedUserName == normalized)) return candidate;
        }
    }

    private async Task<string> CopyAsync(ZipArchive zip, Guid orgId, string path, CancellationToken ct)
    {
        await using var stream = zip.GetEntry(path)!.Open();
        return await blobs.PutAsync(orgId, stream, ct);
    }

    private static ProblemException Conflict() =>
        ProblemException.Conflict("import_conflict", "This instance already holds part of this organization (same identifiers); it was not imported.");
}
