using Enclave.Server.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Enclave.Server.Privacy.Export;

public enum ExportKind { Personal, Organization }

public enum ExportStatus { Queued, Running, Ready, Failed, Expired }

/// <summary>
/// One export job, and the queue of the export worker at the same time: the worker claims queued
/// rows (and running rows whose lease ran out, i.e. interrupted by a restart, which start again
/// from scratch). <see cref="ActiveKey"/> is set while the job is queued or running and unique,
/// so asking twice (even at the same instant) finds the existing job instead of starting another.
/// </summary>
public sealed class DataExport
{
    public Guid Id { get; set; }
    public ExportKind Kind { get; set; }
    /// <summary>Who asked: the person exported (personal), or the manager (organization).</summary>
    public Guid UserId { get; set; }
    /// <summary>The organization exported (organization exports only).</summary>
    public Guid? OrganizationId { get; set; }
    /// <summary>"user:{id}" or "organization:{id}" while queued or running; null afterwards.</summary>
    public string? ActiveKey { get; set; }
    public ExportStatus Status { get; set; }
    public int Percent { get; set; }
    public string Step { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? StartedAt { get; set; }
    /// <summary>A running job whose lease is past was interrupted; the worker claims it again.</summary>
    public DateTime? LeaseUntil { get; set; }
    public DateTime? CompletedAt { get; set; }
    public DateTime? ExpiresAt { get; set; }
    /// <summary>Where the archive lives in the blob store (the organization folder, and the key).</summary>
    public Guid BlobOrganizationId { get; set; }
    public string? BlobKey { get; set; }
    public long Size { get; set; }
    public int Attempts { get; set; }
    public string? Error { get; set; }
}

public sealed class DataExportConfiguration : IEntityTypeConfiguration<DataExport>
{
    public void Configure(EntityTypeBuilder<DataExport> b)
    {
        b.ToTable("data_exports");
        b.Property(x => x.ActiveKey).HasMaxLength(64);
        b.HasIndex(x => x.ActiveKey).IsUnique();
        b.Property(x => x.Step).HasMaxLength(64);
        b.Property(x => x.BlobKey).HasMaxLength(64);
        b.Property(x => x.Error).HasMaxLength(500);
        b.HasIndex(x => new { x.UserId, x.Id });
        b.HasIndex(x => new { x.OrganizationId, x.Id });
        b.HasIndex(x => new { x.Status, x.CreatedAt });
        b.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Organizations.Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ExportOptions
{
    /// <summary>How long a finished archive can be downloaded (<c>Exports:RetentionDays</c>); then the job deletes it.</summary>
    public int RetentionDays { get; set; } = 7;
    /// <summary>How often the worker looks for work (<c>Exports:PollSeconds</c>).</summary>
    public double PollSeconds { get; set; } = 2;
}
