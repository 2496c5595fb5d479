namespace Enclave.Server.Tools.Documents;

/// <summary>Configuration section <c>Documents</c>: the document box's limits.</summary>
public sealed class DocumentOptions
{
    /// <summary>Largest file (one version) accepted, in bytes; default 100 MiB. Larger: 413 <c>file_too_large</c>.</summary>
    public long MaxFileBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>
    /// Bytes each organization may store in its document boxes, counted physically (identical
    /// files and versions count once); default 10 GiB. Beyond: 507 <c>storage_quota_exceeded</c>.
    /// </summary>
    public long QuotaBytesPerOrganization { get; set; } = 10L * 1024 * 1024 * 1024;

    /// <summary>How long a lock ("I'm editing this") holds unless renewed or released; default 4 hours.</summary>
    public TimeSpan LockDuration { get; set; } = TimeSpan.FromHours(4);
}
