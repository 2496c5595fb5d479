using Enclave.Server.Data;

namespace Enclave.Server.Privacy;

/// <summary>The one explicit choice a person makes when closing their account.</summary>
public enum ClosingChoice
{
    /// <summary>Posts, comments, reactions, files, messages, votes and profile are deleted.</summary>
    DeleteEverything,
    /// <summary>Public messages stay, authored by "Former member", with every trace of identity removed.</summary>
    Anonymize,
}

/// <summary>
/// One closed account being purged. Handlers run inside one database transaction opened by the
/// purge job and must only add their changes to <see cref="Db"/> (or run SQL on its connection):
/// the job commits once, so a purge is all or nothing. Blob deletions are collected in
/// <see cref="BlobsToDelete"/> and carried out after the commit (a file is never deleted for a
/// purge that rolled back).
/// </summary>
public sealed class PersonalDataErasure(EnclaveDb db, Guid userId, ClosingChoice choice)
{
    public EnclaveDb Db { get; } = db;
    public Guid UserId { get; } = userId;
    public ClosingChoice Choice { get; } = choice;
    public List<(Guid OrganizationId, string Key)> BlobsToDelete { get; } = [];
}

/// <summary>
/// A feature's part in closing an account: it deletes or anonymizes the rows it owns about the
/// person. Every feature that stores personal data registers one
/// (<c>services.AddPersonalData&lt;T&gt;()</c>); a test scans every table after a purge.
/// </summary>
public interface IPersonalDataEraser
{
    /// <summary>Erasers run in ascending order (dependent rows first, the user row last).</summary>
    int Order => 0;
    Task EraseAsync(PersonalDataErasure erasure, CancellationToken cancellationToken);
}

/// <summary>Where exporters write: JSON documents and file contents under relative paths in the archive.</summary>
public interface IExportArchive
{
    Task AddJsonAsync<T>(string path, T value, CancellationToken cancellationToken);
    Task AddFileAsync(string path, Stream content, CancellationToken cancellationToken);
}

/// <summary>One person's export being built.</summary>
public sealed class PersonalDataExport(EnclaveDb db, Guid userId, IExportArchive archive)
{
    public EnclaveDb Db { get; } = db;
    public Guid UserId { get; } = userId;
    public IExportArchive Archive { get; } = archive;
}

/// <summary>
/// A feature's part in a person's data export (portability): it writes what the person authored
/// and what the feature holds about them, as JSON files under its own folder (e.g.
/// <c>audit/entries.json</c>). Registered with <c>services.AddPersonalData&lt;T&gt;()</c>.
/// </summary>
public interface IPersonalDataExporter
{
    Task ExportAsync(PersonalDataExport export, CancellationToken cancellationToken);
}

public static class PersonalDataServiceCollectionExtensions
{
    /// <summary>Registers a feature's eraser and/or exporter (whichever interfaces it implements).</summary>
    public static IServiceCollection AddPersonalData<T>(this IServiceCollection services) where T : class
    {
        services.AddScoped<T>();
        if (typeof(IPersonalDataEraser).IsAssignableFrom(typeof(T)))
            services.AddScoped(sp => (IPersonalDataEraser)sp.GetRequiredService<T>());
        if (typeof(IPersonalDataExporter).IsAssignableFrom(typeof(T)))
            services.AddScoped(sp => (IPersonalDataExporter)sp.GetRequiredService<T>());
        return services;
    }
}
