using System.IO.Compression;
using System.IO.Pipelines;
using Enclave.Server.Data;
using Enclave.Server.Files;
using Enclave.Server.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Enclave.Server.Privacy.Export;

/// <summary>
/// Runs the export queue (the <c>data_exports</c> table): deletes expired archives, then claims
/// and builds one job at a time. A job is claimed with a conditional update, so two nodes never
/// build the same one; one interrupted by a restart (its lease ran out) starts again from scratch.
/// </summary>
public sealed class ExportJobs(IServiceScopeFactory scopes, IBlobStore blobs, TimeProvider clock, IOptions<ExportOptions> options,
    IOptions<EnclaveOptions> enclave, ILogger<ExportJobs> logger)
{
    /// <summary>Runs until nothing is due; returns how many jobs were built.</summary>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        await ExpireAsync(cancellationToken);
        var built = 0;
        while (await RunNextAsync(cancellationToken)) built++;
        return built;
    }

    private async Task ExpireAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EnclaveDb>();
        var now = clock.GetUtcNow().UtcDateTime;
        var expired = await db.DataExports.Where(e => e.Status == ExportStatus.Ready && e.ExpiresAt <= now).Take(200).ToListAsync(ct);
        foreach (var e in expired)
        {
            if (e.BlobKey is not null) await blobs.DeleteAsync(e.BlobOrganizationId, e.BlobKey, ct);
            e.Status = ExportStatus.Expired;
            e.BlobKey = null;
        }
        await db.SaveChangesAsync(ct);
    }

    private async Task<bool> RunNextAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EnclaveDb>();
        var now = clock.GetUtcNow().UtcDateTime;
        var candidates = await db.DataExports.Where(e => e.Status == ExportStatus.Queued || (e.Status == ExportStatus.Running && e.LeaseUntil < now))
            .OrderBy(e => e.CreatedAt).Select(e => e.Id).Take(5).ToListAsync(ct);
        foreach (var id in candidates)
        {
            var lease = now + ExportProgress.Lease;
            var claimed = await db.DataExports.Where(e => e.Id == id && (e.Status == ExportStatus.Queued || (e.Status == ExportStatus.Running && e.LeaseUntil < now)))
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, ExportStatus.Running).SetProperty(e => e.StartedAt, now)
                    .SetProperty(e => e.LeaseUntil, lease).SetProperty(e => e.Percent, 0).SetProperty(e => e.Attempts, e => e.Attempts + 1), ct);
            if (claimed == 0) continue;
            var job = await db.DataExports.AsNoTracking().FirstAsync(e => e.Id == id, ct);
            await BuildAsync(scope.ServiceProvider, db, job, ct);
            return true;
        }
        return false;
    }

    private async Task BuildAsync(IServiceProvider services, EnclaveDb db, DataExport job, CancellationToken ct)
    {
        var builder = services.GetServices<IExportBuilder>().Single(b => b.Kind == job.Kind);
        var progress = new ExportProgress(db, clock, job.Id, job.UserId);
        string? key = null;
        try
        {
            (key, var size) = await WriteArchiveAsync(job, builder, progress, ct);
            var done = clock.GetUtcNow().UtcDateTime;
            var expires = done.AddDays(options.Value.RetentionDays);
            var finished = await db.DataExports.Where(e => e.Id == job.Id && e.Status == ExportStatus.Running)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, ExportStatus.Ready).SetProperty(e => e.ActiveKey, (string?)null)
                    .SetProperty(e => e.Percent, 100).SetProperty(e => e.Step, "ready").SetProperty(e => e.BlobKey, key)
                    .SetProperty(e => e.Size, size).SetProperty(e => e.CompletedAt, done).SetProperty(e => e.ExpiresAt, expires), ct);
            if (finished == 0) throw new ExportAbandonedException("the export is gone");
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            if (key is not null) await blobs.DeleteAsync(job.BlobOrganizationId, key, CancellationToken.None);
            if (e is ExportAbandonedException)
            {
                logger.LogInformation("Export {Id} abandoned: {Reason}", job.Id, e.Message);
                // The row may still be there (its person is gone but the cascade has not run): close it.
                await db.DataExports.Where(x => x.Id == job.Id).ExecuteDeleteAsync(CancellationToken.None);
                return;
            }
            logger.LogError(e, "Export {Id} failed", job.Id);
            await db.DataExports.Where(x => x.Id == job.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, ExportStatus.Failed)
                .SetProperty(x => x.ActiveKey, (string?)null).SetProperty(x => x.Error, "The export could not be built; ask again."), CancellationToken.None);
        }
    }

    /// <summary>
    /// The ZIP goes through a pipe: the builder writes entries at one end while the blob store
    /// reads the other, so the archive is never whole in memory. On failure the writer still
    /// completes cleanly, the store returns its key, and the caller deletes the partial blob.
    /// </summary>
    private async Task<(string Key, long Size)> WriteArchiveAsync(DataExport job, IExportBuilder builder, ExportProgress progress, CancellationToken ct)
    {
        var pipe = new Pipe();
        var counted = new CountingReadStream(pipe.Reader.AsStream());
        var upload = blobs.PutAsync(job.BlobOrganizationId, counted, CancellationToken.None);
        // If the store fails, unblock the writer instead of letting it wait on a full pipe forever.
        _ = upload.ContinueWith(t => pipe.Reader.Complete(t.Exception), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        Exception? failure = null;
        try
        {
            await using var zip = await ZipArchive.CreateAsync(pipe.Writer.AsStream(leaveOpen: true), ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, ct);
            var archive = new ZipExportArchive(zip);
            var subject = await builder.BuildAsync(job, archive, progress, ct);
            await progress.ReportAsync(95, "finishing", ct);
            var files = archive.Files.ToList();
            await archive.AddTextAsync("README.md", ExportReadme.Write(job.Kind, subject, files), ct);
            await archive.AddJsonAsync("manifest.json", new
            {
                Format = "enclave-export", ExportReadme.FormatVersion, Kind = job.Kind, Instance = enclave.Value.PublicUrl,
                CreatedAt = clock.GetUtcNow().UtcDateTime, Subject = new { subject.Id, subject.Name }, subject.Counts,
                Files = archive.Files.Select(f => new { f.Path, f.Bytes, f.Items }).Append(new { Path = "manifest.json", Bytes = 0L, Items = (int?)null }).ToList(),
            }, ct);
        }
        catch (Exception e)
        {
            failure = e;
        }
        await pipe.Writer.CompleteAsync();
        var key = await upload;
        if (failure is not null)
        {
            await blobs.DeleteAsync(job.BlobOrganizationId, key, CancellationToken.None);
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
        return (key, counted.Count);
    }

    private sealed class CountingReadStream(Stream inner) : Stream
    {
        public long Count { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => Count; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) { var n = inner.Read(buffer, offset, count); Count += n; return n; }
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var n = await inner.ReadAsync(buffer, cancellationToken);
            Count += n;
            return n;
        }
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

public sealed class ExportWorker(ExportJobs jobs, IOptions<ExportOptions> options, ILogger<ExportWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(0.1, options.Value.PollSeconds)));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await jobs.RunDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be briefly unavailable; the next tick retries.
                logger.LogWarning(e, "Export run failed");
            }
        }
    }
}
