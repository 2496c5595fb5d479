using Enclave.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Enclave.Server.Privacy.Export;

/// <summary>The job gave up: its row or its person disappeared (account closed, export cancelled).</summary>
public sealed class ExportAbandonedException(string reason) : Exception(reason);

/// <summary>
/// Reports a job's progress (percent and step, visible in the list) and renews its lease. Each
/// report re-reads the job and its person: when either is gone, the job stops where it is.
/// </summary>
public sealed class ExportProgress(EnclaveDb db, TimeProvider clock, Guid exportId, Guid userId)
{
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    public async Task ReportAsync(int percent, string step, CancellationToken cancellationToken)
    {
        if (!await db.Users.AnyAsync(u => u.Id == userId, cancellationToken)) throw new ExportAbandonedException("the person is gone");
        var lease = clock.GetUtcNow().UtcDateTime + Lease;
        var updated = await db.DataExports.Where(e => e.Id == exportId && e.Status == ExportStatus.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Percent, percent).SetProperty(e => e.Step, step).SetProperty(e => e.LeaseUntil, lease), cancellationToken);
        if (updated == 0) throw new ExportAbandonedException("the export is gone");
    }
}

/// <summary>Builds the content of one kind of export into an archive; returns the counts for the manifest.</summary>
public interface IExportBuilder
{
    ExportKind Kind { get; }
    Task<ExportSubject> BuildAsync(DataExport job, ZipExportArchive archive, ExportProgress progress, CancellationToken cancellationToken);
}

/// <summary>What the archive is about, and how many of each thing it holds.</summary>
public sealed record ExportSubject(Guid Id, string Name, IReadOnlyDictionary<string, int> Counts);

public static class ArchivePaths
{
    /// <summary>An attachment's bytes: its id, plus its extension when it is a plain one (the name itself is in the JSON).</summary>
    public static string Attachment(Guid id, string fileName)
    {
        var extension = Path.GetExtension(fileName);
        var plain = extension.Length is > 1 and <= 11 && extension.Skip(1).All(char.IsAsciiLetterOrDigit);
        return $"files/attachments/{id}{(plain ? extension.ToLowerInvariant() : "")}";
    }

    public static string Avatar(string prefix, Guid id, string? contentType) =>
        $"files/{prefix}/{id}{contentType switch { "image/png" => ".png", "image/jpeg" => ".jpg", "image/gif" => ".gif", "image/webp" => ".webp", _ => "" }}";
}
