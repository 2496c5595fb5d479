using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Enclave.Tests.Access.Watertightness.Tools;

/// <summary>
/// The document box's read paths: folder listings, file details, versions, downloads of the
/// current and an old version, search, the trash, and the pages. Readers of the sphere get
/// exactly the seeded ids; everyone else 404; a trashed file answers only in the trash list.
/// </summary>
public sealed class DocumentsProbe : IToolProbe
{
    private sealed record Seeded(Guid Folder, Guid Root, Guid Inner, Guid Trashed, IReadOnlySet<Guid> RootVersions, byte[] Current, byte[] Old, string Marker);

    private readonly ConcurrentDictionary<Guid, Seeded> _seeded = new();

    public string Tool => "documents";

    private static readonly string[] Paths =
        ["documents root", "documents folder", "document file", "document versions", "document download", "document old version", "document search",
         "document trash", "documents page", "document page"];

    public IEnumerable<string> Required() => Paths.SelectMany(p => new[] { $"{p} 200", $"{p} 404" }).Append("trashed document 404");

    public async Task SeedAsync(ToolWorld world)
    {
        var n = 0;
        foreach (var sphere in world.Spheres)
        {
            var writer = world.Writers(sphere)[0];
            var marker = $"probe{world.Seed}x{n++}";
            var folder = await world.WriteAsync(writer, HttpMethod.Post, $"/api/v1/spheres/{sphere.Id}/documents/folders", new { name = $"{marker} folder" });
            if (folder is null) continue;
            var folderId = folder["id"]!.GetValue<Guid>();
            var old = System.Text.Encoding.UTF8.GetBytes($"{marker} first version");
            var current = System.Text.Encoding.UTF8.GetBytes($"{marker} second version");
            var root = await world.UploadAsync(writer, $"/api/v1/spheres/{sphere.Id}/documents/files", old, $"{marker}-root.txt", "text/plain");
            var inner = await world.UploadAsync(writer, $"/api/v1/spheres/{sphere.Id}/documents/files?folderId={folderId}", System.Text.Encoding.UTF8.GetBytes($"{marker} inner"), $"{marker}-inner.txt", "text/plain");
            var trashed = await world.UploadAsync(writer, $"/api/v1/spheres/{sphere.Id}/documents/files", System.Text.Encoding.UTF8.GetBytes($"{marker} trashed"), $"{marker}-trashed.txt", "text/plain");
            if (root is null || inner is null || trashed is null) continue;
            var rootId = root["id"]!.GetValue<Guid>();
            var trashedId = trashed["id"]!.GetValue<Guid>();
            var version = await world.UploadAsync(writer, $"/api/v1/documents/files/{rootId}/versions", current, $"{marker}-root.txt", "text/plain");
            await world.WriteAsync(writer, HttpMethod.Post, $"/api/v1/documents/files/{trashedId}/trash");
            var versions = await world.As(writer).GetFromJsonAsync<JsonNode>($"/api/v1/documents/files/{rootId}/versions");
            if (version is null || versions is null) continue;
            _seeded[sphere.Id] = new Seeded(folderId, rootId, inner["id"]!.GetValue<Guid>(), trashedId,
                versions["items"]!.AsArray().Select(v => v!["id"]!.GetValue<Guid>()).ToHashSet(), current, old, marker);
        }
    }

    public async Task CheckAsync(ToolWorld world, Persona viewer)
    {
        foreach (var sphere in world.Spheres)
        {
            if (!_seeded.TryGetValue(sphere.Id, out var s)) continue;
            var reads = world.Reads(viewer.UserId, sphere);
            var target = world.Describe(viewer, sphere);
            var docs = $"/api/v1/spheres/{sphere.Id}/documents";
            var file = $"/api/v1/documents/files/{s.Root}";
            await world.ListAsync(viewer, "documents root", target, docs, reads, new HashSet<Guid> { s.Root });
            await world.ListAsync(viewer, "documents folder", target, $"{docs}?folderId={s.Folder}", reads, new HashSet<Guid> { s.Inner });
            await world.ItemAsync(viewer, "document file", target, file, reads);
            await world.ListAsync(viewer, "document versions", target, $"{file}/versions", reads, s.RootVersions);
            await CompareAsync(world, viewer, "document download", target, $"{file}/content", reads, s.Current);
            await CompareAsync(world, viewer, "document old version", target, $"{file}/versions/1/content", reads, s.Old);
            await world.ListAsync(viewer, "document search", target, $"{docs}/search?q={s.Marker}", reads, new HashSet<Guid> { s.Root, s.Inner });
            await world.ListAsync(viewer, "document trash", target, $"{docs}/trash", reads, new HashSet<Guid> { s.Trashed });
            await world.ItemAsync(viewer, "trashed document", target, $"/api/v1/documents/files/{s.Trashed}", false);
            await world.PageAsync(viewer, "documents page", target, $"/s/{sphere.Id}/documents", reads, [$"{s.Marker}-root.txt", $"{s.Marker} folder"], [$"{s.Marker}-trashed.txt"]);
            await world.PageAsync(viewer, "document page", target, $"/s/{sphere.Id}/documents/files/{s.Root}", reads, [$"{s.Marker}-root.txt"]);
        }
    }

    private static async Task CompareAsync(ToolWorld world, Persona viewer, string what, string target, string path, bool reads, byte[] expected)
    {
        var bytes = await world.RawAsync(viewer, what, target, path, reads ? 200 : 404);
        if (bytes is not null && !bytes.AsSpan().SequenceEqual(expected)) world.Probe.Fail(viewer, target, path, "the seeded bytes", $"{bytes.Length} other bytes");
    }
}
