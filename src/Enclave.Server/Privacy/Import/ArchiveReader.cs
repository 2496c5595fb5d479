using System.IO.Compression;
using System.Text.Json;
using Enclave.Server.Accounts;
using Enclave.Server.Posts;
using Enclave.Server.Privacy.Export;
using Enclave.Server.Web;

namespace Enclave.Server.Privacy.Import;

/// <summary>
/// Reads and checks an organization archive before anything is written: the manifest, every JSON
/// file, and that every reference (authors, spheres, posts, files) points inside the archive. Any
/// fault is a 400 with a stable code; nothing here touches the database.
/// </summary>
public static class ArchiveReader
{
    public static ZipArchive Open(Stream seekable)
    {
        try
        {
            return new ZipArchive(seekable, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException)
        {
            throw Bad("import_corrupt_archive", "The file is not a readable ZIP archive.");
        }
    }

    public static OrganizationArchive Read(ZipArchive zip)
    {
        var manifest = Json<ManifestRecord>(zip, "manifest.json", "import_missing_manifest", "The archive has no manifest.json: it is not an Enclave export.");
        if (manifest.Format != "enclave-export")
            throw Bad("import_invalid_manifest", "manifest.json does not describe an Enclave export.");
        if (manifest.FormatVersion != ExportReadme.FormatVersion)
            throw Bad("import_unsupported_version", $"This Enclave reads export format version {ExportReadme.FormatVersion} only.");
        if (manifest.Kind != "organization")
            throw Bad("import_not_organization", "Only organization exports can be imported.");
        var archive = new OrganizationArchive(
            Json<OrganizationRecord>(zip, "organization.json"), Json<List<PersonRecord>>(zip, "people.json"), Json<List<SphereRecord>>(zip, "spheres.json"),
            Json<List<SphereProfileRecord>>(zip, "sphere-profiles.json"), Json<List<PostRecord>>(zip, "posts.json"), Json<List<CommentRecord>>(zip, "comments.json"),
            Json<List<ReactionRecord>>(zip, "reactions.json"), Json<List<AttachmentRecord>>(zip, "attachments.json"));
        Check(zip, archive);
        return archive;
    }

    private static void Check(ZipArchive zip, OrganizationArchive a)
    {
        var v = new Validation();
        v.Text("organization.json:name", a.Organization.Name, 1, 100);
        var people = a.People.Select(p => p.Id).ToHashSet();
        foreach (var p in a.People)
        {
            v.UserName($"people.json:{p.Id}:userName", p.UserName).Text($"people.json:{p.Id}:firstName", p.FirstName, 1, 100)
                .Text($"people.json:{p.Id}:lastName", p.LastName, 1, 100).Email($"people.json:{p.Id}:email", p.Email);
        }
        if (a.People.Select(p => p.Email.Trim().ToLowerInvariant()).Distinct().Count() != a.People.Count) v.Add("people.json", "lists an email twice.");
        if (!a.People.Any(p => p.Role == Organizations.OrganizationRole.Manager)) v.Add("people.json", "has no manager.");
        var spheres = a.Spheres.Select(s => s.Id).ToHashSet();
        foreach (var s in a.Spheres)
        {
            v.Text($"spheres.json:{s.Id}:name", s.Name, 1, 100);
            if (!people.Contains(s.CreatedById) || (s.Members ?? []).Any(m => !people.Contains(m.UserId)) ||
                (s.Groups ?? []).Any(g => (g.MemberIds ?? []).Any(m => !people.Contains(m))))
                v.Add($"spheres.json:{s.Id}", "refers to a person missing from people.json.");
        }
        foreach (var p in a.Profiles)
            if (!spheres.Contains(p.SphereId) || !people.Contains(p.UserId) || (p.Avatar is not null && zip.GetEntry(p.Avatar) is null))
                v.Add($"sphere-profiles.json:{p.Id}", "refers to a sphere, person or file missing from the archive.");
        var posts = a.Posts.ToDictionary(p => p.Id);
        foreach (var p in a.Posts)
        {
            if (!spheres.Contains(p.SphereId) || !people.Contains(p.AuthorId) || (p.RecipientIds ?? []).Any(r => !people.Contains(r)) ||
                (p.Revisions ?? []).Any(r => !people.Contains(r.AuthorId)))
                v.Add($"posts.json:{p.Id}", "refers to a sphere or person missing from the archive.");
            if (p.Body is null || p.Body.Length > PostRules.MaxBodyLength) v.Add($"posts.json:{p.Id}:body", "is missing or too long.");
        }
        var comments = a.Comments.ToDictionary(c => c.Id);
        foreach (var c in a.Comments)
            if (!posts.TryGetValue(c.PostId, out var post) || post.SphereId != c.SphereId || !people.Contains(c.AuthorId) || c.Body is null)
                v.Add($"comments.json:{c.Id}", "refers to a post or person missing from the archive.");
        foreach (var r in a.Reactions)
            if (!posts.TryGetValue(r.PostId, out var post) || post.SphereId != r.SphereId || !people.Contains(r.UserId) ||
                (r.TargetId != r.PostId && !(comments.TryGetValue(r.TargetId, out var c) && c.PostId == r.PostId)))
                v.Add($"reactions.json:{r.Id}", "refers to a post, comment or person missing from the archive.");
        foreach (var f in a.Attachments)
            if (!posts.TryGetValue(f.PostId, out var post) || post.SphereId != f.SphereId || !people.Contains(f.UploaderId) || f.File is null || zip.GetEntry(f.File) is null)
                v.Add($"attachments.json:{f.Id}", "refers to a post, person or file missing from the archive.");
        try
        {
            v.ThrowIfAny();
        }
        catch (ProblemException e)
        {
            throw new ProblemException(400, "import_invalid_content", "The archive's content is invalid or inconsistent.", e.Errors);
        }
    }

    private static T Json<T>(ZipArchive zip, string path, string code = "import_invalid_file", string? title = null)
    {
        var entry = zip.GetEntry(path) ?? throw Bad(code, title ?? $"The archive lacks {path}.");
        try
        {
            using var stream = entry.Open();
            return JsonSerializer.Deserialize<T>(stream, ZipExportArchive.Json) ?? throw Bad("import_invalid_file", $"{path} is empty.");
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or NotSupportedException)
        {
            throw new ProblemException(400, "import_invalid_file", "A file of the archive is not valid JSON of the expected shape.",
                new Dictionary<string, string[]> { [path] = ["is not valid JSON of the expected shape."] });
        }
    }

    private static ProblemException Bad(string code, string title) => new(StatusCodes.Status400BadRequest, code, title);
}
