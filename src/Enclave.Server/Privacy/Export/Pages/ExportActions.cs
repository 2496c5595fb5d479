using Enclave.Server.Access;
using Enclave.Server.Audit;
using Enclave.Server.Data;
using Enclave.Server.Privacy.Import;
using Enclave.Server.Ui;
using Enclave.Server.Web;
using Microsoft.Extensions.Options;

namespace Enclave.Server.Privacy.Export.Pages;

/// <summary>The export and import pages' form actions: each calls the API's handler and goes back.</summary>
public static class ExportActions
{
    public static void MapExportActions(this RouteGroupBuilder ui)
    {
        ui.MapPost("/me/exports", async (Viewer viewer, EnclaveDb db, AuditLog audit, TimeProvider clock, HttpContext http, CancellationToken ct) =>
        {
            await ExportEndpoints.RequestPersonal(viewer, db, audit, clock, ct);
            return UiActions.Back(http, "/settings/export?requested=true");
        });
        ui.MapPost("/organizations/{id:guid}/exports", async (Guid id, Viewer viewer, AccessGate gate, EnclaveDb db, AuditLog audit, TimeProvider clock, HttpContext http, CancellationToken ct) =>
        {
            await ExportEndpoints.RequestOrganization(id, viewer, gate, db, audit, clock, ct);
            return UiActions.Back(http, $"/o/{id}/export?requested=true");
        });
        var max = ((IEndpointRouteBuilder)ui).ServiceProvider.GetRequiredService<IOptions<ImportOptions>>().Value.MaxBytes;
        ui.MapPost("/admin/imports", Import).WithMetadata(new RequestSizeLimit(max + 64 * 1024));
    }

    private static async Task<IResult> Import(Viewer viewer, OrganizationImporter importer, IOptions<ImportOptions> options, HttpContext http, CancellationToken ct)
    {
        _ = viewer.Id;
        if (!viewer.IsPlatformAdmin) throw ProblemException.NotFound("endpoint");
        var form = await http.Request.ReadFormAsync(ct);
        var file = form.Files.GetFile("file") ?? throw new ProblemException(400, "import_corrupt_archive", "The file is not a readable ZIP archive.");
        await using var body = file.OpenReadStream();
        var result = await ImportEndpoints.ImportStreamAsync(body, file.Length, viewer.Id, importer, options.Value.MaxBytes, ct);
        return UiActions.Back(http, $"/admin/import?imported={result.OrganizationId}");
    }
}
