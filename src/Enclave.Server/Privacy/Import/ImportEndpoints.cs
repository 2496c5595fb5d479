using Enclave.Server.Access;
using Enclave.Server.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Enclave.Server.Privacy.Import;

/// <summary>Importing an organization archive (platform administrators only; everyone else gets 404).</summary>
public static class ImportEndpoints
{
    public static RouteGroupBuilder MapImports(this RouteGroupBuilder api)
    {
        var max = ((IEndpointRouteBuilder)api).ServiceProvider.GetRequiredService<IOptions<ImportOptions>>().Value.MaxBytes;
        api.MapPost("/admin/imports", Import).WithTags("Platform administration")
            .WithSummary("Import an organization export (the ZIP as the raw request body).")
            .Accepts<IFormFile>("application/zip").WithMetadata(new RequestSizeLimit(max));
        return api;
    }

    internal static async Task<Created<ImportResult>> Import(HttpRequest request, Viewer viewer, OrganizationImporter importer, IOptions<ImportOptions> options, CancellationToken ct)
    {
        _ = viewer.Id;
        if (!viewer.IsPlatformAdmin) throw ProblemException.NotFound("endpoint");
        var result = await ImportStreamAsync(request.Body, request.ContentLength, viewer.Id, importer, options.Value.MaxBytes, ct);
        return TypedResults.Created($"/api/v1/organizations/{result.OrganizationId}", result);
    }

    /// <summary>
    /// The archive is spooled to a temporary file first (a ZIP is read from its end, so it needs a
    /// seekable stream), with the size limit enforced while copying; the file is deleted afterwards.
    /// </summary>
    internal static async Task<ImportResult> ImportStreamAsync(Stream body, long? declaredLength, Guid adminId, OrganizationImporter importer, long max, CancellationToken ct)
    {
        if (declaredLength > max) throw TooLarge(max);
        var path = Path.GetTempFileName();
        try
        {
            await using var file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            var buffer = new byte[81920];
            long total = 0;
            int read;
            while ((read = await body.ReadAsync(buffer, ct)) > 0)
            {
                total += read;
                if (total > max) throw TooLarge(max);
                await file.WriteAsync(buffer.AsMemory(0, read), ct);
            }
            if (total == 0) throw new ProblemException(400, "import_corrupt_archive", "The file is not a readable ZIP archive.");
            file.Position = 0;
            using var zip = ArchiveReader.Open(file);
            return await importer.ImportAsync(zip, adminId, ct);
        }
        finally
        {
            if (File.Exists(path)) File.Delete(path);
        }
    }

    private static ProblemException TooLarge(long max) =>
        new(StatusCodes.Status413PayloadTooLarge, "payload_too_large", $"An archive is at most {max} bytes.");
}
