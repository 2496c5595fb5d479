using Enclave.Server.Access;
using Enclave.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Tools.Documents;

/// <summary>A file shared in the feed (kind <c>document</c>): its card names it, its version and size, and links to its page.</summary>
public sealed class DocumentPostTool(EnclaveDb db) : IPostTool
{
    public string Kind => "document";

    public Task<bool> CanAttachAsync(SphereAccess access, Guid authorId, Guid itemId, CancellationToken cancellationToken) =>
        db.Set<DocumentFile>().AnyAsync(f => f.Id == itemId && f.SphereId == access.Sphere.Id && f.TrashedAt == null, cancellationToken);

    public async Task<IReadOnlyDictionary<Guid, ToolCard>> CardsAsync(Viewer viewer, IReadOnlyCollection<Guid> itemIds, CancellationToken cancellationToken)
    {
        var ids = itemIds.ToList();
        var files = await db.Set<DocumentFile>().AsNoTracking().Where(f => ids.Contains(f.Id) && f.TrashedAt == null).ToListAsync(cancellationToken);
        return files.ToDictionary(f => f.Id, f => new ToolCard(Kind, f.Id, f.Name, $"v{f.Version} · {DocumentSizes.Format(f.Size)}",
            $"/s/{f.SphereId}/documents/files/{f.Id}"));
    }
}

public static class DocumentSizes
{
    /// <summary>A short human size (1 decimal above a kilobyte); the same in both languages apart from the decimal mark.</summary>
    public static string Format(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{bytes / 1024.0:0.#} KB",
        < 1024L * 1024 * 1024 => $"{bytes / (1024.0 * 1024):0.#} MB",
        _ => $"{bytes / (1024.0 * 1024 * 1024):0.#} GB",
    };
}
